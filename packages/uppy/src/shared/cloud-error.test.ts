import { describe, expect, it } from 'vitest';
import { cloudHttpError, parseCloudErrorBody } from './cloud-error.js';

describe('cloudHttpError', () => {
  it("reads the store's XML error and keeps its code and request id", () => {
    const body =
      '<?xml version="1.0"?><Error><Code>SecurityTokenExpired</Code><Message>The security token you provided has expired.</Message><RequestId>5C3D9175B6FC201293AD</RequestId></Error>';
    expect(parseCloudErrorBody(body)).toEqual({
      code: 'SecurityTokenExpired',
      message: 'The security token you provided has expired.',
      requestId: '5C3D9175B6FC201293AD',
    });
    expect(cloudHttpError('aliyun', 403, body, 'Part 3')).toMatchObject({
      code: 'credential_expired',
      cloudCode: 'SecurityTokenExpired',
      requestId: '5C3D9175B6FC201293AD',
      retryable: false,
    });
  });

  it('treats a presigned URL that expired as an expired credential', () => {
    const body = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    expect(cloudHttpError('s3', 403, body, 'Part 1').code).toBe('credential_expired');
  });

  it('retries server errors and throttling, not refusals', () => {
    expect(cloudHttpError('tencent', 503, 'Service Unavailable (injected)', 'Part 1')).toMatchObject({
      code: 'cloud_unavailable',
      retryable: true,
    });
    expect(cloudHttpError('s3', 429, '', 'Part 1')).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(
      cloudHttpError('s3', 403, '<Error><Code>SignatureDoesNotMatch</Code></Error>', 'Part 1'),
    ).toMatchObject({ code: 'cloud_refused', cloudCode: 'SignatureDoesNotMatch', retryable: false });
  });
});
