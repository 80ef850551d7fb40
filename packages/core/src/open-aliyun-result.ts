import { vodErrorFromCloud } from './cloud-error.js';
import { FieldReader } from './field-reader.js';

/**
 * Opens an Alibaba RPC result: throws the cloud's error for an error envelope
 * `{ Code, Message, RequestId, HostId }`, else returns a reader carrying the `RequestId`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 */
export function openAliyunResult(raw: unknown, successField: string): FieldReader {
  const reader = new FieldReader(raw, 'aliyun');
  const result = reader.object('');
  const requestId = typeof result.RequestId === 'string' ? result.RequestId : undefined;
  if (typeof result.Code === 'string' && result[successField] === undefined) {
    const message = typeof result.Message === 'string' ? result.Message : result.Code;
    throw vodErrorFromCloud('aliyun', result.Code, message, requestId);
  }
  return new FieldReader(raw, 'aliyun', '', requestId);
}
