import OSS from 'ali-oss';
import COS from 'cos-nodejs-sdk-v5';
import { cosCredentialsOf, type TempCertificate } from '../../../tests/support/cos-credentials-of.js';
import { base64Json } from './harness.js';

export type { TempCertificate };

/**
 * An ali-oss client on the sandbox, built from a CreateUploadVideo/-Image (or refresh) result the way
 * the browser builds it: the base64 `UploadAddress` and `UploadAuth`, path-style, plain HTTP.
 */
export function ossClientFor(result: { UploadAddress: string; UploadAuth: string }) {
  const address = base64Json(result.UploadAddress);
  const auth = base64Json(result.UploadAuth);
  const client = new OSS({
    endpoint: address.Endpoint,
    bucket: address.Bucket,
    region: `oss-${auth.Region}`,
    accessKeyId: auth.AccessKeyId!,
    accessKeySecret: auth.AccessKeySecret!,
    stsToken: auth.SecurityToken,
    sldEnable: true,
    secure: false,
    timeout: 20_000,
  } as OSS.Options);
  return { client, address };
}

/** A cos-nodejs-sdk-v5 client on the sandbox's COS host, signing with an ApplyUpload certificate. */
export function cosClientFor(cosDomain: string, certificate: TempCertificate): COS {
  return new COS({
    Domain: cosDomain,
    Protocol: 'http:',
    getAuthorization(_options, callback) {
      callback(cosCredentialsOf(certificate));
    },
  });
}
