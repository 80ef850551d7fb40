import { describe, expect, it } from 'vitest';
import { succeeds } from './succeeds.js';

describe('succeeds', () => {
  it('resolves true when the cleanup call resolves', async () => {
    await expect(succeeds(async () => 'deleted')).resolves.toBe(true);
  });

  it('resolves false, never rejecting, when the cleanup call rejects or throws', async () => {
    await expect(succeeds(() => Promise.reject(new Error('NoSuchUpload')))).resolves.toBe(false);
    await expect(
      succeeds(() => {
        throw new Error('thrown before any promise');
      }),
    ).resolves.toBe(false);
  });
});
