import { describe, expect, it } from 'vitest';
import { isCheckpointUsable, type UploadCheckpoint } from './index.js';

const NOW = 1_700_000_000_000;

function checkpoint(patch: Partial<UploadCheckpoint> = {}): UploadCheckpoint {
  return {
    version: 1,
    provider: 'tencent',
    endpoint: 'https://app.example.com/api/vod',
    fingerprint: 'vod1:10485760:1699990000000:clip.mp4',
    target: { provider: 'tencent', bucket: 'b-1250000000', mediaKey: 'k/f0.mp4' },
    uploadId: '1700000000a1b2c3',
    partSize: 4_194_304,
    doneParts: [
      { partNumber: 1, etag: '"a"', size: 4_194_304 },
      { partNumber: 2, etag: '"b"', size: 4_194_304, checksum: '11051210869376104954' },
    ],
    credentialExpiresAt: NOW + 3_600_000,
    createdAt: NOW - 60_000,
    expiresAt: NOW + 86_400_000,
    ...patch,
  };
}

describe('isCheckpointUsable', () => {
  it('accepts a fresh, well-formed checkpoint, also after a JSON round trip', () => {
    expect(isCheckpointUsable(checkpoint(), NOW)).toBe(true);
    expect(isCheckpointUsable(JSON.parse(JSON.stringify(checkpoint())), NOW)).toBe(true);
    expect(isCheckpointUsable(checkpoint({ credentialExpiresAt: undefined, doneParts: [] }), NOW)).toBe(true);
  });

  it('keeps the session ticket, and refuses one that is not a non-empty string', () => {
    expect(isCheckpointUsable(checkpoint({ ticket: 'v1.abc.def' }), NOW)).toBe(true);
    expect(isCheckpointUsable(checkpoint({ ticket: '' }), NOW)).toBe(false);
    expect(isCheckpointUsable({ ...checkpoint(), ticket: 42 }, NOW)).toBe(false);
  });

  it('refuses an expired checkpoint', () => {
    expect(isCheckpointUsable(checkpoint({ expiresAt: NOW }), NOW)).toBe(false);
  });

  it('refuses when the non-renewable credential is about to expire', () => {
    expect(isCheckpointUsable(checkpoint({ credentialExpiresAt: NOW + 30_000 }), NOW)).toBe(false);
    expect(
      isCheckpointUsable(checkpoint({ credentialExpiresAt: NOW + 30_000 }), NOW, { minCredentialMs: 10_000 }),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'checkpoint'],
    ['another version', { ...checkpoint(), version: 2 }],
    ['an unknown provider', { ...checkpoint(), provider: 'gcs' }],
    ['no uploadId', { ...checkpoint(), uploadId: '' }],
    ['no target', { ...checkpoint(), target: null }],
    ['a fractional partSize', { ...checkpoint(), partSize: 1.5 }],
    [
      'a duplicate part',
      checkpoint({
        doneParts: [
          { partNumber: 1, etag: 'a', size: 1 },
          { partNumber: 1, etag: 'b', size: 1 },
        ],
      }),
    ],
    ['a part number 0', checkpoint({ doneParts: [{ partNumber: 0, etag: 'a', size: 1 }] })],
    [
      'a part larger than partSize',
      checkpoint({ doneParts: [{ partNumber: 1, etag: 'a', size: 4_194_305 }] }),
    ],
    [
      'a part with an empty checksum',
      checkpoint({ doneParts: [{ partNumber: 1, etag: 'a', size: 1, checksum: '' }] }),
    ],
    ['a part without etag', checkpoint({ doneParts: [{ partNumber: 1, etag: '', size: 1 }] })],
    ['doneParts not an array', { ...checkpoint(), doneParts: {} }],
    ['a string createdAt', { ...checkpoint(), createdAt: '2023-11-14' }],
  ])('refuses %s', (_label, value) => {
    expect(isCheckpointUsable(value, NOW)).toBe(false);
  });
});
