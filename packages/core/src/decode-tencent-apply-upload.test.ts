import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import { tencentApplyUpload, tencentApplyUploadV2, tencentError } from '../tests/fixtures/cloud-results.js';
import { decodeTencentApplyUpload, VodDecodeError } from './index.js';

describe('decodeTencentApplyUpload (API 3.0)', () => {
  it('decodes the documented result, stripping the leading slash of object keys', () => {
    const target = decodeTencentApplyUpload(tencentApplyUpload());
    expect(target).toEqual({
      provider: 'tencent',
      bucket: 'vodgzp1251000000-1251000000',
      region: 'ap-guangzhou',
      mediaKey: '1251000000/vodgzp1251000000/1251000000/4564972818519602447/f0.mp4',
      coverKey: '1251000000/vodgzp1251000000/1251000000/4564972818519602447/cover.jpg',
      vodSessionKey: tencentApplyUpload().Response.VodSessionKey,
      credential: {
        secretId: 'AKIDexampleTmpSecretId0123456789',
        secretKey: 'exampleTmpSecretKey0123456789abc',
        token: 'exampleSessionToken+/=',
        expiresAt: 1_700_003_600_000,
      },
      requestId: 'f8a3f4a2-ebe6-4e47-9b5b-8d0a3d2f8a11',
      legacy: false,
    });
  });

  it('leaves coverKey out when no cover was asked for', () => {
    const raw = tencentApplyUpload();
    const { CoverStoragePath: _, ...rest } = raw.Response;
    expect(decodeTencentApplyUpload({ Response: rest })).not.toHaveProperty('coverKey');
  });

  it.each([
    [
      'Response.StorageBucket',
      (r: ReturnType<typeof tencentApplyUpload>) =>
        delete (r.Response as Partial<typeof r.Response>).StorageBucket,
    ],
    [
      'Response.MediaStoragePath',
      (r: ReturnType<typeof tencentApplyUpload>) => Object.assign(r.Response, { MediaStoragePath: 42 }),
    ],
    [
      'Response.MediaStoragePath',
      (r: ReturnType<typeof tencentApplyUpload>) => Object.assign(r.Response, { MediaStoragePath: '/' }),
    ],
    [
      'Response.TempCertificate',
      (r: ReturnType<typeof tencentApplyUpload>) => Object.assign(r.Response, { TempCertificate: null }),
    ],
    [
      'Response.TempCertificate.Token',
      (r: ReturnType<typeof tencentApplyUpload>) => Object.assign(r.Response.TempCertificate, { Token: '' }),
    ],
    [
      'Response.TempCertificate.ExpiredTime',
      (r: ReturnType<typeof tencentApplyUpload>) =>
        Object.assign(r.Response.TempCertificate, { ExpiredTime: 'soon' }),
    ],
    // Milliseconds where seconds belong would make the credential look valid for millennia.
    [
      'Response.TempCertificate.ExpiredTime',
      (r: ReturnType<typeof tencentApplyUpload>) =>
        Object.assign(r.Response.TempCertificate, { ExpiredTime: 1_700_003_600_000 }),
    ],
    [
      'Response.VodSessionKey',
      (r: ReturnType<typeof tencentApplyUpload>) => Object.assign(r.Response, { VodSessionKey: ['x'] }),
    ],
  ])('names %s when it is missing or mistyped', (field, breakIt) => {
    const raw = tencentApplyUpload();
    breakIt(raw);
    const error = caught(() => decodeTencentApplyUpload(raw));
    expect(error).toBeInstanceOf(VodDecodeError);
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe(field);
    expect(error.provider).toBe('tencent');
    expect(error.message).toContain(field);
  });

  it.each([null, 'text', [], {}, { Response: 'x' }])(
    'refuses a result that is not the envelope: %j',
    (raw) => {
      const error = caught(() => decodeTencentApplyUpload(raw));
      expect(error.code).toBe('decode_failed');
      expect(error.field).toMatch(/^(Response|\(root\))$/);
    },
  );

  it('turns an error result into cloud_refused with the cloud code and RequestId', () => {
    const error = caught(() =>
      decodeTencentApplyUpload(tencentError('InvalidParameterValue.MediaType', 'MediaType is invalid')),
    );
    expect(error.code).toBe('cloud_refused');
    expect(error.cloudCode).toBe('InvalidParameterValue.MediaType');
    expect(error.requestId).toBe('e4d7c1b0-0000-4a8c-9d1e-1234567890ab');
    expect(error.message).toBe('MediaType is invalid');
    expect(error.retryable).toBe(false);
  });

  it('maps an expired signature to credential_expired, but not the ExpireTime parameter error', () => {
    expect(
      caught(() => decodeTencentApplyUpload(tencentError('AuthFailure.SignatureExpire', 'expired'))).code,
    ).toBe('credential_expired');
    expect(
      caught(() => decodeTencentApplyUpload(tencentError('InvalidParameterValue.ExpireTime', 'bad'))).code,
    ).toBe('cloud_refused');
  });

  it('maps InternalError to a retryable cloud_unavailable and throttling to rate_limited', () => {
    const internal = caught(() => decodeTencentApplyUpload(tencentError('InternalError', 'oops')));
    expect(internal.code).toBe('cloud_unavailable');
    expect(internal.retryable).toBe(true);
    expect(caught(() => decodeTencentApplyUpload(tencentError('RequestLimitExceeded', 'slow'))).code).toBe(
      'rate_limited',
    );
  });

  it('names Response.Error.Code when an error result has none', () => {
    const error = caught(() =>
      decodeTencentApplyUpload({ Response: { Error: { Message: 'x' }, RequestId: 'r' } }),
    );
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe('Response.Error.Code');
    expect(error.requestId).toBe('r');
  });
});

describe('decodeTencentApplyUpload (legacy v2)', () => {
  it('decodes the v2 result without a credential', () => {
    expect(decodeTencentApplyUpload(tencentApplyUploadV2())).toEqual({
      provider: 'tencent',
      bucket: 'vodgzp1251000000-1251000000',
      region: 'ap-guangzhou',
      mediaKey: '1251000000/vodgzp1251000000/f0.mp4',
      coverKey: '1251000000/vodgzp1251000000/f0.jpg',
      vodSessionKey: 'v2SessionKeyExample',
      legacy: true,
    });
  });

  it('maps the documented shape: short region, bucket without APPID, objects or arrays', () => {
    const documented = {
      code: 0,
      message: '',
      codeDesc: 'Success',
      storageBucket: '6c0f1c00vodgzp251000333',
      storageRegion: 'gzp',
      vodSessionKey: 'k',
      appId: '1251000333',
    };
    const asObjects = {
      ...documented,
      video: { storagePath: '/a/f0.mp4' },
      cover: { storagePath: '/a/c.jpg' },
    };
    const asArrays = {
      ...documented,
      video: [{ storagePath: '/a/f0.mp4' }],
      cover: [{ storagePath: '/a/c.jpg' }],
    };
    for (const raw of [asObjects, asArrays]) {
      expect(decodeTencentApplyUpload(raw)).toMatchObject({
        bucket: '6c0f1c00vodgzp251000333-1251000333',
        region: 'ap-guangzhou',
        mediaKey: 'a/f0.mp4',
        coverKey: 'a/c.jpg',
        legacy: true,
      });
    }
    expect(decodeTencentApplyUpload({ ...asObjects, storageRegion: 'tj' }).region).toBe('ap-beijing-1');
    expect(decodeTencentApplyUpload({ ...asObjects, storageRegion: 'shp' }).region).toBe('ap-shanghai');
    expect(caught(() => decodeTencentApplyUpload({ ...asObjects, storageRegion: 'mars' })).field).toBe(
      'storageRegion',
    );
    const { appId: _appId, ...withoutAppId } = asObjects;
    expect(caught(() => decodeTencentApplyUpload(withoutAppId)).field).toBe('appId');
    expect(caught(() => decodeTencentApplyUpload({ ...asArrays, video: [{}] })).field).toBe(
      'video.0.storagePath',
    );
  });

  it('names video.storagePath when it is missing', () => {
    const raw = { ...tencentApplyUploadV2(), video: {} };
    const error = caught(() => decodeTencentApplyUpload(raw));
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe('video.storagePath');
  });

  it('turns a non-zero code into cloud_refused with cloudCode String(code)', () => {
    const error = caught(() =>
      decodeTencentApplyUpload({ code: 4000, message: '参数错误', codeDesc: 'InvalidParameter' }),
    );
    expect(error.code).toBe('cloud_refused');
    expect(error.cloudCode).toBe('4000');
    expect(error.message).toBe('参数错误');
  });

  it('treats v2 internal error 32001 as retryable', () => {
    const error = caught(() => decodeTencentApplyUpload({ code: 32001, message: '', codeDesc: 'internal' }));
    expect(error.code).toBe('cloud_unavailable');
    expect(error.cloudCode).toBe('32001');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('internal');
  });

  it('names code when it is not a number', () => {
    expect(caught(() => decodeTencentApplyUpload({ code: 'zero' })).field).toBe('code');
  });
});
