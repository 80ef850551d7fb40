import { describe, expect, it } from 'vitest';
import { objectsWritten } from './objects-written.js';

describe('objectsWritten', () => {
  it('lists each object a 200 PutObject or CompleteMultipartUpload wrote once, and nothing else', () => {
    const records = [
      { api: 'cos', action: 'PutObject', bucket: 'b-1', key: 'a.mp4', status: 200 },
      { api: 'cos', action: 'PutObject', bucket: 'b-1', key: 'a.mp4', status: 200 },
      { api: 'oss', action: 'UploadPart', bucket: 'outin', key: 'b.mp4', status: 200 },
      { api: 'oss', action: 'CompleteMultipartUpload', bucket: 'outin', key: 'b.mp4', status: 200 },
      { api: 's3', action: 'PutObject', bucket: 'vod', key: 'refused.mp4', status: 403 },
      { api: 'tencent-vod', action: 'PutObject', bucket: 'x', key: 'y', status: 200 },
      { api: 's3', action: 'PutObject', key: 'no-bucket', status: 200 },
    ];
    expect(objectsWritten(records)).toEqual([
      { bucket: 'b-1', key: 'a.mp4' },
      { bucket: 'outin', key: 'b.mp4' },
    ]);
  });
});
