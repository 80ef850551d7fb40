import { describe, expect, it } from 'vitest';
import { decodeUrlImportId, isVodUploadError } from './index.js';

describe('decodeUrlImportId', () => {
  it('reads the TaskId of a Tencent PullUpload answer', () => {
    expect(decodeUrlImportId('tencent', { Response: { TaskId: '1251-Pull-abc', RequestId: 'r' } })).toBe(
      '1251-Pull-abc',
    );
  });

  it('reads the JobId of the one Alibaba UploadMediaByURL job', () => {
    const raw = { RequestId: 'r', UploadJobs: [{ JobId: 'f0d3', SourceURL: 'https://cdn.example/a.mp4' }] };
    expect(decodeUrlImportId('aliyun', raw)).toBe('f0d3');
  });

  it.each([
    ['tencent', { Response: {} }, 'Response.TaskId'],
    ['tencent', { Response: { TaskId: 42 } }, 'Response.TaskId'],
    ['aliyun', { UploadJobs: [] }, 'UploadJobs.0.JobId'],
    ['aliyun', 'not json', 'UploadJobs.0.JobId'],
  ] as const)('refuses a %s answer without an id, naming the field', (provider, raw, field) => {
    try {
      decodeUrlImportId(provider, raw);
      expect.unreachable();
    } catch (error) {
      expect(isVodUploadError(error) && error.code).toBe('decode_failed');
      expect(isVodUploadError(error) && error.field).toBe(field);
    }
  });
});
