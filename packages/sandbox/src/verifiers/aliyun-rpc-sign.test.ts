import { describe, expect, it } from 'vitest';
import {
  aliyunRpcSignature,
  aliyunRpcStringToSign,
  percentEncode,
  verifyAliyunRpcSignature,
} from './aliyun-rpc-sign.js';

// The worked example of Alibaba Cloud's RPC signature documentation (secret "testsecret").
const docParams = {
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  SignatureVersion: '1.0',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('aliyun RPC signature v1', () => {
  it('encodes as RFC 3986 (space %20, * %2A, ~ kept)', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
  });

  it('builds the documented StringToSign and signature', () => {
    expect(aliyunRpcStringToSign('GET', docParams)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(aliyunRpcSignature('testsecret', 'GET', docParams)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('ignores a Signature parameter and refuses a changed value or method', () => {
    const signature = aliyunRpcSignature('testsecret', 'POST', docParams);
    expect(
      verifyAliyunRpcSignature('testsecret', 'POST', { ...docParams, Signature: signature }, signature),
    ).toBe(true);
    expect(verifyAliyunRpcSignature('testsecret', 'GET', docParams, signature)).toBe(false);
    expect(verifyAliyunRpcSignature('testsecret', 'POST', { ...docParams, Format: 'JSON' }, signature)).toBe(
      false,
    );
    expect(verifyAliyunRpcSignature('other', 'POST', docParams, signature)).toBe(false);
  });
});
