import type { CheckpointPart } from '@vod-uploader/core';
import {
  type TempCredential,
  type TencentUploadTarget,
  type TencentV2SignCosRequest,
  type VodUploadError,
  vodError,
} from '@vod-uploader/core';
import type COS from 'cos-js-sdk-v5';
import { sdkCloudError } from '../shared/cloud-error.js';
import type { CloudClock } from '../shared/endpoint-client.js';
import { headerOf } from '../shared/header-of.js';
import type { IntegrityScheme, MultipartProtocol, SignedRequest } from '../shared/multipart-protocol.js';
import type { PutBlobResponse } from '../shared/put-blob.js';
import { succeeds } from '../shared/succeeds.js';

/** Where COS is reached; defaults to Tencent Cloud's public endpoint. */
export interface CosLocation {
  /** cos-js-sdk-v5 `Domain` template, e.g. `{Bucket}.cos.{Region}.myqcloud.com` or `127.0.0.1:9000/{Bucket}`. */
  domain?: string;
  /** `https:` (default) or `http:`. */
  protocol?: 'http:' | 'https:';
}

type CosClass = typeof COS;
let cosModule: Promise<CosClass> | undefined;

/** Loads cos-js-sdk-v5 the first time a Tencent file uploads, as its own chunk. */
export function loadCos(): Promise<CosClass> {
  cosModule ??= import('cos-js-sdk-v5')
    .then((m) => (m.default ?? m) as CosClass)
    .catch((error: unknown) => {
      cosModule = undefined; // a chunk that failed to load is fetched again by the next call
      throw error;
    });
  return cosModule;
}

/**
 * Signs one COS request remotely (legacy v2: the endpoint's `/tencent/v2/sign-cos`, with the account
 * key); resolves the `Authorization` value.
 */
export type CosRemoteSignFn = (
  request: Omit<TencentV2SignCosRequest, 'ticket'>,
  signal?: AbortSignal,
) => Promise<string>;

/** Headers cos-js-sdk-v5 signs itself (its `signHeaders`), plus `x-cos-*`: what a remote signature covers. */
const SIGNED_HEADERS = new Set([
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-length',
  'content-md5',
  'expect',
  'expires',
  'host',
]);

const DEFAULT_DOMAIN = '{Bucket}.cos.{Region}.myqcloud.com';
/** What a legacy v2 session's PUTs and Complete carry: COS refuses to replace a stored object. */
const LEGACY_STORES_ONCE = { 'x-cos-forbid-overwrite': 'true' } as const;
/** Signatures are made valid from a minute ago, so a small remaining skew cannot make them "not yet valid". */
const SIGN_SLACK_SECONDS = 60;

/**
 * COS's multipart protocol for one object of a Tencent upload target. cos-js-sdk-v5 does what it does
 * right (signing, multipartInit/ListPart/Complete/Abort); the parts' bytes go through our transport,
 * because the SDK's own slice upload cannot be cancelled (its promise never settles) and re-hashes every
 * stored part on the main thread to resume. A legacy v2 target has no temporary credential: every
 * request, the SDK's included (through `getAuthorization`), is signed by `remoteSign`.
 * @see https://cloud.tencent.com/document/product/436/7778 (request signature)
 */
export class CosProtocol implements MultipartProtocol {
  readonly provider = 'tencent' as const;
  /**
   * COS answers the CRC64 of what it stored on PutObject, UploadPart and Complete; ListParts lists none.
   * @see https://cloud.tencent.com/document/product/436/40334
   */
  readonly integrity: IntegrityScheme = { algorithm: 'crc64ecma', answerHeader: 'x-cos-hash-crc64ecma' };
  private client: InstanceType<CosClass> | undefined;
  /** The endpoint's refusal of the last remote signature the SDK asked for (its callback cannot carry it). */
  private remoteError: unknown;

  constructor(
    private readonly target: TencentUploadTarget,
    private readonly key: string,
    private readonly location: CosLocation,
    private readonly clock: CloudClock,
    private readonly remoteSign?: CosRemoteSignFn,
  ) {}

  async signPut(_size?: number, signal?: AbortSignal): Promise<SignedRequest> {
    return this.sign('PUT', {}, signal);
  }

  /**
   * HeadObject: what COS stored under the key (its CRC64 and ETag). Asked when a legacy v2 PUT met
   * its no-overwrite condition (only it is conditional) and when a Complete found its upload gone.
   */
  async storedObject(): Promise<PutBlobResponse> {
    const cos = await this.cos();
    const result = await this.call('Checking the stored object', () =>
      cos.headObject({ Bucket: this.target.bucket, Region: this.target.region, Key: this.key }),
    );
    const header = (name: string) => headerOf(result.headers, name);
    return { status: 200, etag: header('etag'), body: '', header };
  }

  async create(): Promise<string> {
    const cos = await this.cos();
    const result = await this.call('Starting the multipart upload', () =>
      cos.multipartInit({ Bucket: this.target.bucket, Region: this.target.region, Key: this.key }),
    );
    return result.UploadId;
  }

  async listParts(uploadId: string): Promise<CheckpointPart[]> {
    const cos = await this.cos();
    const parts: CheckpointPart[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.call('Listing the stored parts', () =>
        cos.multipartListPart({
          Bucket: this.target.bucket,
          Region: this.target.region,
          Key: this.key,
          UploadId: uploadId,
          ...(marker ? { PartNumberMarker: marker } : {}),
        }),
      );
      for (const part of page.Part ?? []) {
        parts.push({ partNumber: Number(part.PartNumber), etag: part.ETag, size: Number(part.Size) });
      }
      if (String(page.IsTruncated) !== 'true' || !page.NextPartNumberMarker) return parts;
      marker = String(page.NextPartNumberMarker);
    }
  }

  async signPart(
    uploadId: string,
    partNumber: number,
    _size?: number,
    signal?: AbortSignal,
  ): Promise<SignedRequest> {
    return this.sign('PUT', { partNumber: String(partNumber), uploadId }, signal);
  }

  async complete(uploadId: string, parts: CheckpointPart[]): ReturnType<MultipartProtocol['complete']> {
    const cos = await this.cos();
    const result = await this.call('Completing the multipart upload', () =>
      cos.multipartComplete({
        Bucket: this.target.bucket,
        Region: this.target.region,
        Key: this.key,
        UploadId: uploadId,
        Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        ...(this.target.legacy ? { Headers: { ...LEGACY_STORES_ONCE } } : {}),
      }),
    );
    return { checksum: headerOf(result.headers, 'x-cos-hash-crc64ecma') };
  }

  deleteObject(): Promise<boolean> {
    return succeeds(async () => {
      const cos = await this.cos();
      await this.call('Deleting the object', () =>
        cos.deleteObject({ Bucket: this.target.bucket, Region: this.target.region, Key: this.key }),
      );
    });
  }

  abort(uploadId: string): Promise<boolean> {
    return succeeds(async () => {
      const cos = await this.cos();
      await this.call('Aborting the multipart upload', () =>
        cos.multipartAbort({
          Bucket: this.target.bucket,
          Region: this.target.region,
          Key: this.key,
          UploadId: uploadId,
        }),
      );
    });
  }

  /** The object's URL, as cos-js-sdk-v5 builds it from the `Domain` template. */
  objectUrl(query: Record<string, string>): URL {
    const domain = (this.location.domain ?? DEFAULT_DOMAIN)
      .replace(/\{Bucket\}/g, this.target.bucket)
      .replace(/\{Region\}/g, this.target.region);
    const base = /^[a-z]+:\/\//i.test(domain) ? domain : `${this.location.protocol ?? 'https:'}//${domain}`;
    const url = new URL(`${base.replace(/\/+$/, '')}/${encodeKey(this.key)}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  private async sign(
    method: 'PUT',
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<SignedRequest> {
    const url = this.objectUrl(query);
    if (this.target.legacy) {
      // The endpoint signs every PUT, a part's too, only with COS's no-overwrite condition: the
      // account key's signature binds no session, and COS checks query names lower-cased, so a
      // part's signature sent as `?PARTNUMBER=…&UPLOADID=…` could otherwise replace the object.
      const authorization = await this.signRemotely(
        { method, key: this.key, query, headers: { host: url.host, ...LEGACY_STORES_ONCE } },
        signal,
      );
      return {
        url: url.toString(),
        method,
        headers: { Authorization: authorization, ...LEGACY_STORES_ONCE },
      };
    }
    const Cos = await loadCos();
    const credential = this.credential();
    const start = Math.floor(this.clock.now() / 1000) - SIGN_SLACK_SECONDS;
    const end = Math.max(start + SIGN_SLACK_SECONDS * 2, Math.floor(credential.expiresAt / 1000));
    const authorization = Cos.getAuthorization({
      SecretId: credential.secretId,
      SecretKey: credential.secretKey,
      Method: method,
      Key: this.key,
      Query: query,
      Headers: { Host: url.host },
      KeyTime: `${start};${end}`,
    });
    return {
      url: url.toString(),
      method,
      headers: { Authorization: authorization, 'x-cos-security-token': credential.token },
    };
  }

  /** The session's credential; the legacy v2 API gives none, and COS cannot be signed without one. */
  private credential(): TempCredential {
    const { credential } = this.target;
    if (!credential) {
      throw vodError(
        'config_invalid',
        'The endpoint answered ApplyUpload with the legacy v2 API, which gives no upload credential; use API 3.0.',
        {
          provider: 'tencent',
          retryable: false,
        },
      );
    }
    return credential;
  }

  private signRemotely(
    request: Omit<TencentV2SignCosRequest, 'ticket'>,
    signal?: AbortSignal,
  ): Promise<string> {
    if (!this.remoteSign) {
      throw vodError('config_invalid', 'A legacy v2 target needs the endpoint to sign its COS requests.', {
        provider: 'tencent',
        retryable: false,
      });
    }
    return this.remoteSign(request, signal);
  }

  private async cos(): Promise<InstanceType<CosClass>> {
    if (this.client) return this.client;
    const Cos = await loadCos();
    if (this.target.legacy) {
      const host = this.objectUrl({}).host;
      this.client = new Cos({
        Domain: this.location.domain ?? DEFAULT_DOMAIN,
        Protocol: this.location.protocol ?? 'https:',
        SystemClockOffset: this.clock.offsetMs,
        getAuthorization: (options, callback) => {
          const headers: Record<string, string> = { host };
          for (const [name, value] of Object.entries(options.Headers ?? {})) {
            const lower = name.toLowerCase();
            if ((SIGNED_HEADERS.has(lower) || lower.startsWith('x-cos-')) && value !== undefined) {
              headers[lower] = String(value);
            }
          }
          const query: Record<string, string> = {};
          for (const [name, value] of Object.entries(options.Query ?? {})) {
            if (value !== undefined) query[name] = String(value);
          }
          this.signRemotely({
            method: String(options.Method).toUpperCase() as TencentV2SignCosRequest['method'],
            key: options.Key ?? this.key,
            query,
            headers,
          }).then(
            (authorization) => callback({ Authorization: authorization } as never),
            (error: unknown) => {
              this.remoteError = error;
              // An empty value fails the SDK's format check, which ends the call; `call` rethrows ours.
              callback({ Authorization: '' } as never);
            },
          );
        },
      });
      return this.client;
    }
    const credential = this.credential();
    this.client = new Cos({
      Domain: this.location.domain ?? DEFAULT_DOMAIN,
      Protocol: this.location.protocol ?? 'https:',
      SystemClockOffset: this.clock.offsetMs,
      getAuthorization: (_options, callback) => {
        const start = Math.floor(this.clock.now() / 1000) - SIGN_SLACK_SECONDS;
        callback({
          TmpSecretId: credential.secretId,
          TmpSecretKey: credential.secretKey,
          SecurityToken: credential.token,
          StartTime: start,
          // Never before the start: a credential that expired (a paused upload resumed late) must
          // be refused as expired, which renews it, not as a malformed signature.
          ExpiredTime: Math.max(start, Math.floor(credential.expiresAt / 1000)),
        });
      },
    });
    return this.client;
  }

  /** Runs one SDK call, turning the SDK's error objects into the library's errors. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    this.remoteError = undefined;
    try {
      return await run();
    } catch (error) {
      throw cosError(what, this.remoteError ?? error);
    }
  }
}

/** cos-js-sdk-v5's error object → a `VodUploadError` with the cloud's code. */
export function cosError(what: string, error: unknown): VodUploadError {
  const e = (error ?? {}) as { statusCode?: unknown; code?: string; message?: string; RequestId?: string };
  const { statusCode: status, code, message, RequestId: requestId } = e;
  return sdkCloudError('tencent', what, error, { status, code, message, requestId });
}

/** Encodes an object key the way COS signs and routes it (RFC 3986, `/` kept). */
function encodeKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}
