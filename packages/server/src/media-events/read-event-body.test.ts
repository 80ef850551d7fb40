import { describe, expect, it } from 'vitest';
import { readEventBody } from './read-event-body.js';

/** A POST whose body streams `chunks` chunks of 1 MiB with no Content-Length; counts what was pulled. */
function streamed(chunks: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request('http://127.0.0.1/hooks', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, pulled };
}

describe('readEventBody', () => {
  it('refuses a body past 256 KiB as it streams, without reading the rest (no Content-Length)', async () => {
    const { request, pulled } = streamed(512);
    const answer = await readEventBody(request);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(413);
    expect(pulled.bytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a body that stops arriving (408), and reads a small JSON object', async () => {
    const stalled = new Request('http://127.0.0.1/hooks', {
      method: 'POST',
      body: new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"a"')) }),
      duplex: 'half',
    } as RequestInit);
    const answer = await readEventBody(stalled, 50);
    expect((answer as Response).status).toBe(408);

    const event = await readEventBody(
      new Request('http://127.0.0.1/hooks', { method: 'POST', body: '{"a":1}' }),
    );
    expect(event).toEqual({ text: '{"a":1}', json: { a: 1 } });
  });
});
