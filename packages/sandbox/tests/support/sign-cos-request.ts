import type { SandboxDescriptor } from '@vod-uploader/sandbox';
import COS from 'cos-nodejs-sdk-v5';

/** The keys a COS request is signed with: the account's, or a TempCertificate's with its `Token`. */
export interface CosSigningKeys {
  SecretId: string;
  SecretKey: string;
  Token?: string;
}

/** A signed path-style COS request to the sandbox's bucket: its `path` (bucket first), `url`, `headers`. */
export interface SignedCosRequest {
  path: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * Signs a COS request with cos-nodejs-sdk-v5's own signer (`COS.getAuthorization`), for what the SDK
 * will not send the way a test needs (a part streamed chunk by chunk, a hand-made Complete body): the
 * sandbox then checks the SDK's signature, never one the tests compute themselves. A `Token` is signed
 * as `x-cos-security-token` and sent with the request.
 */
export function signCosRequest(
  descriptor: SandboxDescriptor,
  keys: CosSigningKeys,
  method: COS.Method,
  key: string,
  query: Record<string, string> = {},
): SignedCosRequest {
  const host = descriptor.url.replace('http://', '');
  const token: Record<string, string> =
    keys.Token === undefined ? {} : { 'x-cos-security-token': keys.Token };
  const authorization = COS.getAuthorization({
    SecretId: keys.SecretId,
    SecretKey: keys.SecretKey,
    Method: method,
    Pathname: `/${key}`,
    Query: query,
    Headers: { Host: host, ...token },
  });
  const search = new URLSearchParams(query).toString();
  const path = `/${descriptor.tencent.bucket}/${key}${search ? `?${search}` : ''}`;
  return { path, url: `${descriptor.url}${path}`, headers: { authorization, ...token } };
}
