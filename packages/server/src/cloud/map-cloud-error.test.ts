import { codeForCloudCode, httpStatusOf, type ProviderKey } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { CloudCallError } from './cloud-call-error.js';
import { mapCloudError } from './map-cloud-error.js';

function mapped(
  cloudCode: string | undefined,
  httpStatus?: number,
  message = 'cloud said no',
  provider: ProviderKey = 'tencent',
) {
  const error = mapCloudError(
    new CloudCallError(provider, message, {
      ...(cloudCode ? { cloudCode } : {}),
      requestId: 'req',
      ...(httpStatus ? { httpStatus } : {}),
    }),
  );
  return { code: error.code, status: httpStatusOf(error.code), json: error.toJSON() };
}

describe('mapCloudError', () => {
  it.each<[string, string, number, ProviderKey?]>([
    ['InvalidParameterValue.MediaType', 'cloud_refused', 400],
    ['InvalidParameter.ExpireTime', 'cloud_refused', 400],
    ['MissingParameter', 'cloud_refused', 400],
    ['FailedOperation.MediaType', 'cloud_refused', 400],
    ['InvalidFileName.Extension', 'cloud_refused', 400, 'aliyun'],
    ['InvalidVideo.NotFound', 'not_found', 404, 'aliyun'],
    ['ResourceNotFound.TaskNotExist', 'not_found', 404],
    ['NoSuchUpload', 'not_found', 404, 's3'],
    ['AuthFailure.SignatureFailure', 'internal', 500],
    ['SignatureDoesNotMatch', 'internal', 500, 's3'],
    ['InvalidAccessKeyId.NotFound', 'internal', 500, 'aliyun'],
    ['Forbidden.RAM', 'internal', 500, 'aliyun'],
    ['InternalError', 'cloud_unavailable', 502],
    // The store closed the endpoint's own stalled request: the cloud's side, to the browser.
    ['RequestTimeout', 'cloud_unavailable', 502, 's3'],
    // Core's one classification: the cloud throttling our account is a rate limit (retry later).
    ['RequestLimitExceeded', 'rate_limited', 429],
    ['4000', 'cloud_refused', 400],
    ['4100', 'internal', 500],
    ['32001', 'cloud_unavailable', 502],
  ])('%s → %s', (cloudCode, code, status, provider) => {
    const result = mapped(cloudCode, undefined, undefined, provider);
    expect(result.code).toBe(code);
    expect(result.status).toBe(status);
    expect(result.json.requestId).toBe('req');
  });

  it('keeps the cloud code and message for refusals, hides both for our own key', () => {
    expect(mapped('InvalidParameterValue.MediaType').json).toMatchObject({
      cloudCode: 'InvalidParameterValue.MediaType',
      message: 'cloud said no',
      provider: 'tencent',
      retryable: false,
    });
    const own = mapped('AuthFailure.SecretIdNotFound', 200, 'The SecretId AKIDxxx is not found').json;
    expect(own.cloudCode).toBeUndefined();
    expect(own.message).not.toContain('AKID');
  });

  it("uses core's one classification (codeForCloudCode) for every code but its own key's", () => {
    // issue #14: ResourceNotFound.CoverUrl is the cover's address, not a lost upload.
    expect(mapped('ResourceNotFound.CoverUrl').code).toBe('cloud_refused');
    expect(mapped('InvalidParameterValue.SessionId').code).toBe('already_imported');
    for (const cloudCode of [
      'InvalidParameterValue.CoverType',
      'ResourceNotFound.FileNotExist',
      'InternalError',
      '4000',
      '32001',
    ]) {
      expect(mapped(cloudCode).code, cloudCode).toBe(codeForCloudCode(cloudCode, 'tencent'));
    }
    // A code of the seed table wins over the HTTP status (Alibaba answers it with 404).
    const aliyun = mapCloudError(
      new CloudCallError('aliyun', 'no storage', { cloudCode: 'InvalidStorage.NotFound', httpStatus: 404 }),
    );
    expect(aliyun.code).toBe(codeForCloudCode('InvalidStorage.NotFound', 'aliyun'));
    expect(aliyun.code).toBe('cloud_refused');
  });

  it('goes by the HTTP status for unknown codes and no answer at all', () => {
    expect(mapped('SomethingNew', 400).code).toBe('cloud_refused');
    expect(mapped('SomethingNew', 503).code).toBe('cloud_unavailable');
    expect(mapped(undefined, 404).code).toBe('not_found');
    expect(mapped(undefined, 403).code).toBe('internal');
    const network = mapped(undefined);
    expect(network).toMatchObject({ code: 'cloud_unavailable', status: 502 });
    expect(network.json.retryable).toBe(true);
  });
});
