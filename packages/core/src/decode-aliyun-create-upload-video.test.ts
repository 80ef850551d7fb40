import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import {
  ALIYUN_ADDRESS,
  ALIYUN_AUTH,
  aliyunCreateUploadVideo,
  aliyunError,
  base64Json,
  base64UrlJson,
} from '../tests/fixtures/cloud-results.js';
import { decodeAliyunCreateUploadVideo } from './index.js';

const NOW = Date.parse('2023-11-14T22:13:20Z');

describe('decodeAliyunCreateUploadVideo', () => {
  it('decodes the documented result, keeping a non-ASCII object key intact', () => {
    expect(decodeAliyunCreateUploadVideo(aliyunCreateUploadVideo(), { now: NOW })).toEqual({
      provider: 'aliyun',
      kind: 'video',
      videoId: '93ab850b4f6f46e91d24d81d4****',
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'outin-1d6b8a1f0c5511ee8e2b00163e1a2b3c',
      objectKey: 'sv/5b8e1c4f-18bd3a2e4c1/标题 视频 ü.mp4',
      region: 'cn-shanghai',
      credential: {
        accessKeyId: 'STS.NTWZm5ukuQzF1XEXAMPLE',
        accessKeySecret: 'Hq6Zmd3Hc6oB7WiZEXAMPLE',
        securityToken: 'CAIS0AR1q6Ft5B2yfSjIr5bXA+/mhu1q0am9VR+Cr2tt3n8aT8j==',
        expiresAt: Date.parse('2023-11-14T23:13:20Z'),
      },
      requestId: '25818875-5F78-4AF6-D7393642CA58****',
    });
  });

  it('prefers ExpireUTCTime over Expiration (which is a duration, not an instant)', () => {
    const raw = aliyunCreateUploadVideo(ALIYUN_ADDRESS, { ...ALIYUN_AUTH, Expiration: '60' });
    expect(decodeAliyunCreateUploadVideo(raw, { now: NOW }).credential.expiresAt).toBe(
      Date.parse(ALIYUN_AUTH.ExpireUTCTime),
    );
  });

  it.each(['3000', 3000])('uses now + Expiration seconds when ExpireUTCTime is absent (%j)', (expiration) => {
    const { ExpireUTCTime: _, ...auth } = ALIYUN_AUTH;
    const raw = aliyunCreateUploadVideo(ALIYUN_ADDRESS, { ...auth, Expiration: expiration });
    expect(decodeAliyunCreateUploadVideo(raw, { now: NOW }).credential.expiresAt).toBe(NOW + 3_000_000);
  });

  it('adds https:// to an Endpoint without a scheme and keeps an explicit http:// one', () => {
    const bare = aliyunCreateUploadVideo({ ...ALIYUN_ADDRESS, Endpoint: 'oss-cn-beijing.aliyuncs.com' });
    expect(decodeAliyunCreateUploadVideo(bare).endpoint).toBe('https://oss-cn-beijing.aliyuncs.com');
    const local = aliyunCreateUploadVideo({ ...ALIYUN_ADDRESS, Endpoint: 'http://127.0.0.1:4567/' });
    expect(decodeAliyunCreateUploadVideo(local).endpoint).toBe('http://127.0.0.1:4567');
  });

  it('derives the region from the endpoint when UploadAuth has none', () => {
    const { Region: _, ...auth } = ALIYUN_AUTH;
    const raw = aliyunCreateUploadVideo(
      { ...ALIYUN_ADDRESS, Endpoint: 'oss-ap-southeast-1.aliyuncs.com' },
      auth,
    );
    expect(decodeAliyunCreateUploadVideo(raw).region).toBe('ap-southeast-1');
  });

  it('names UploadAuth.Region when neither UploadAuth nor the endpoint gives a region', () => {
    const { Region: _, ...auth } = ALIYUN_AUTH;
    const raw = aliyunCreateUploadVideo({ ...ALIYUN_ADDRESS, Endpoint: 'http://127.0.0.1:4567' }, auth);
    expect(caught(() => decodeAliyunCreateUploadVideo(raw)).field).toBe('UploadAuth.Region');
  });

  it('accepts base64url without padding', () => {
    const raw = {
      ...aliyunCreateUploadVideo(),
      UploadAddress: base64UrlJson(ALIYUN_ADDRESS),
      UploadAuth: base64UrlJson(ALIYUN_AUTH),
    };
    const target = decodeAliyunCreateUploadVideo(raw);
    expect(target.objectKey).toBe(ALIYUN_ADDRESS.FileName);
    expect(target.credential.securityToken).toBe(ALIYUN_AUTH.SecurityToken);
  });

  it.each([
    ['UploadAddress', { UploadAddress: '!!!not base64!!!' }, /not base64/],
    ['UploadAddress', { UploadAddress: btoa('{"Endpoint": ') }, /not JSON/],
    ['UploadAddress', { UploadAddress: btoa('\xff\xfe{}') }, /not UTF-8/],
    ['UploadAddress', { UploadAddress: base64Json(['array']) }, /JSON object/],
    ['UploadAuth', { UploadAuth: 12345 }, /not a string/],
    ['UploadAuth', { UploadAuth: undefined }, /missing/],
    ['VideoId', { VideoId: '' }, /missing/],
    [
      'UploadAddress.Bucket',
      { UploadAddress: base64Json({ ...ALIYUN_ADDRESS, Bucket: undefined }) },
      /missing/,
    ],
    [
      'UploadAddress.Endpoint',
      { UploadAddress: base64Json({ ...ALIYUN_ADDRESS, Endpoint: 'ftp://x' }) },
      /scheme/,
    ],
    [
      'UploadAuth.AccessKeySecret',
      { UploadAuth: base64Json({ ...ALIYUN_AUTH, AccessKeySecret: 7 }) },
      /not a string/,
    ],
    [
      'UploadAuth.ExpireUTCTime',
      { UploadAuth: base64Json({ ...ALIYUN_AUTH, ExpireUTCTime: 'tomorrow' }) },
      /not a date/,
    ],
    [
      'UploadAuth.Expiration',
      { UploadAuth: base64Json({ ...ALIYUN_AUTH, ExpireUTCTime: undefined, Expiration: 'soon' }) },
      /not a number/,
    ],
    [
      'UploadAuth.Expiration',
      { UploadAuth: base64Json({ ...ALIYUN_AUTH, ExpireUTCTime: undefined, Expiration: undefined }) },
      /missing/,
    ],
  ])('names %s when it is broken', (field, patch, problem) => {
    const error = caught(() => decodeAliyunCreateUploadVideo({ ...aliyunCreateUploadVideo(), ...patch }));
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe(field);
    expect(error.provider).toBe('aliyun');
    expect(error.requestId).toBe('25818875-5F78-4AF6-D7393642CA58****');
    expect(error.message).toMatch(problem);
  });

  it('turns the error envelope into cloud_refused with Code and RequestId', () => {
    const error = caught(() =>
      decodeAliyunCreateUploadVideo(
        aliyunError('InvalidFileName.Extension', 'The file extension is invalid.'),
      ),
    );
    expect(error.code).toBe('cloud_refused');
    expect(error.cloudCode).toBe('InvalidFileName.Extension');
    expect(error.requestId).toBe('7AE0C1B2-3D4E-5F60-7182-93A4B5C6****');
    expect(error.message).toBe('The file extension is invalid.');
  });

  it('maps an expired STS token to credential_expired and throttling to rate_limited', () => {
    expect(
      caught(() => decodeAliyunCreateUploadVideo(aliyunError('InvalidSecurityToken.Expired', 'x'))).code,
    ).toBe('credential_expired');
    expect(caught(() => decodeAliyunCreateUploadVideo(aliyunError('Throttling.User', 'x'))).code).toBe(
      'rate_limited',
    );
  });

  it('refuses a result that is not an object', () => {
    const error = caught(() => decodeAliyunCreateUploadVideo('<html>'));
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe('(root)');
  });
});
