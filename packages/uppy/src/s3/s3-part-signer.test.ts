import { type S3PartToSign, vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { S3PartSigner } from './s3-part-signer.js';

/** A signer whose endpoint records every call: batches as lists of part numbers, singles as one. */
function signer(refuseBatches = false) {
  const batches: number[][] = [];
  const singles: number[] = [];
  const url = (p: S3PartToSign) => `https://bucket.example/k?partNumber=${p.partNumber}&len=${p.partSize}`;
  const s = new S3PartSigner({
    windowMs: 5,
    signParts: async (parts) => {
      if (refuseBatches) throw vodError('request_invalid', 'parts: unknown field', { field: 'parts' });
      batches.push(parts.map((p) => p.partNumber));
      return parts.map((p) => ({ url: url(p), method: 'PUT' as const }));
    },
    signPart: async (part) => {
      singles.push(part.partNumber);
      return { url: url(part), method: 'PUT' };
    },
  });
  return { s, batches, singles };
}

describe('S3PartSigner', () => {
  it('signs the parts asked for within the window in one endpoint call, each with its own URL', async () => {
    const { s, batches } = signer();
    const signed = await Promise.all([1, 2, 3, 4].map((n) => s.sign({ partNumber: n, partSize: 10 * n })));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(signed.map((x) => x.url)).toEqual(
      [1, 2, 3, 4].map((n) => `https://bucket.example/k?partNumber=${n}&len=${10 * n}`),
    );
    expect(s.calls).toBe(1);
  });

  it('splits more than 100 parts into calls of at most 100', async () => {
    const { s, batches } = signer();
    await Promise.all(Array.from({ length: 250 }, (_, i) => s.sign({ partNumber: i + 1 })));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('asks an endpoint that refuses batches one part at a time, from then on', async () => {
    const { s, singles } = signer(true);
    const signed = await Promise.all([1, 2].map((n) => s.sign({ partNumber: n })));
    expect(signed).toHaveLength(2);
    await s.sign({ partNumber: 3 });
    expect(singles).toEqual([1, 2, 3]);
  });

  it("rejects only the aborted part's promise; the batch still signs the others", async () => {
    const { s, batches } = signer();
    const pause = new AbortController();
    const aborted = s.sign({ partNumber: 1 }, pause.signal);
    const other = s.sign({ partNumber: 2 });
    pause.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    await expect(other).resolves.toMatchObject({ url: expect.stringContaining('partNumber=2') });
    expect(batches).toEqual([[1, 2]]);
  });
});
