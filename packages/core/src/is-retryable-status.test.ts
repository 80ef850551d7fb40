import { describe, expect, it } from 'vitest';
import { isRetryableStatus } from './index.js';

describe('isRetryableStatus', () => {
  it.each([0, 408, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 204, 400, 401, 403, 404, 409, 412, 501, 505])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
