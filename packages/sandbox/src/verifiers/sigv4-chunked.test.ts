import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder, AwsChunkedError } from './sigv4-chunked.js';

async function decode(pieces: string[]): Promise<{ body: string; trailers: Map<string, string> }> {
  const decoder = new AwsChunkedDecoder();
  const body = await text(Readable.from(pieces.map((p) => Buffer.from(p, 'latin1'))).pipe(decoder));
  return { body, trailers: decoder.trailers };
}

describe('AwsChunkedDecoder', () => {
  it('decodes what the AWS SDK v3 sends, however the bytes are split', async () => {
    const wire = '5\r\nhello\r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:+esgrQ==\r\n\r\n';
    for (const cut of [1, 3, 7, 20, wire.length]) {
      const pieces = [];
      for (let i = 0; i < wire.length; i += cut) pieces.push(wire.slice(i, i + cut));
      const { body, trailers } = await decode(pieces);
      expect(body).toBe('helloworld');
      expect(trailers.get('x-amz-checksum-crc32')).toBe('+esgrQ==');
    }
  });

  it('accepts chunk extensions (signed chunks carry ;chunk-signature=)', async () => {
    expect((await decode(['3;chunk-signature=ab\r\nabc\r\n0;chunk-signature=cd\r\n\r\n'])).body).toBe('abc');
  });

  it('refuses truncated, oversized and garbage framing', async () => {
    await expect(decode(['5\r\nhel'])).rejects.toBeInstanceOf(AwsChunkedError);
    await expect(decode(['2\r\nhello\r\n0\r\n\r\n'])).rejects.toThrow(/longer than its size/);
    await expect(decode(['zz\r\n'])).rejects.toThrow(/size line/);
    await expect(decode(['0\r\n\r\nmore'])).rejects.toThrow(/after the final/);
    await expect(decode(['1'.repeat(5000)])).rejects.toThrow(/too long/);
  });
});
