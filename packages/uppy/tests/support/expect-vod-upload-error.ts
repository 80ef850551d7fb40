import { isVodUploadError, type VodUploadError } from '@vod-uploader/core';
import { expect } from 'vitest';

/**
 * Asserts that `value` is a vod-uploader error by its brand (`isVodUploadError`, as an app checks
 * it, not `instanceof`) and carries `fields`: what a test of a rejection that apps branch on checks.
 */
export function expectVodUploadError(value: unknown, fields: Partial<VodUploadError>): void {
  expect(isVodUploadError(value), `${String(value)} is a VodUploadError`).toBe(true);
  expect(value).toMatchObject(fields);
}
