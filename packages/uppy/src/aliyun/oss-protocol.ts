import {
  type AliyunUploadTarget,
  type CheckpointPart,
  isVodUploadError,
  type VodUploadError,
} from '@vod-uploader/core';
import type OSS from 'ali-oss';
import { cloudError } from '../shared/cloud-error.js';
import type { CloudClock } from '../shared/endpoint-client.js';
import { headerOf } from '../shared/header-of.js';
import type { IntegrityScheme, MultipartProtocol, SignedRequest } from '../shared/multipart-protocol.js';

type OssClass = typeof OSS;
let ossModule: Promise<OssClass> | undefined;

/** Loads ali-oss the first time an Alibaba file uploads, as its own chunk (its browser build is ~680 KB). */
export function loadOss(): Promise<OssClass> {
  ossModule ??= import('ali-oss')
    .then((m) => ((m as { default?: OssClass }).default ?? m) as OssClass)
    .catch((error: unknown) => {
      ossModule = undefined; // a chunk that failed to load is fetched again by the next call
      throw error;
    });
  return ossModule;
}

/** OSS error codes that a fresh STS credential fixes. */
const OSS_CREDENTIAL_CODES: ReadonlySet<string> = new Set(['SecurityTokenExpired', 'InvalidAccessKeyId']);

/** Where an upload target's credential comes from, kept fresh by the uploader. */
export interface OssCredentialSource {
  /** The target with a credential good for at least the refresh margin (refreshing first if needed). */
  fresh(signal?: AbortSignal): Promise<AliyunUploadTarget>;
  /** Fixes an expired credential; resolves `false` when it cannot (images). */
  refresh(signal?: AbortSignal): Promise<boolean>;
}

/**
 * OSS's multipart protocol for one object. ali-oss does what it does right (signing, InitiateMultipartUpload,
 * ListParts, CompleteMultipartUpload, AbortMultipartUpload); the parts' bytes go through our transport,
 * because ali-oss's `multipartUpload` reports progress only per finished part and fails the whole upload
 * on one failed part.
 * @see https://help.aliyun.com/zh/oss/developer-reference/include-signatures-in-the-authorization-header
 */
export class OssProtocol implements MultipartProtocol {
  readonly provider = 'aliyun' as const;
  /**
   * OSS answers the CRC64 of what it stored on PutObject, UploadPart and Complete, and lists each
   * part's (`HashCrc64ecma`) in ListParts.
   * @see https://www.alibabacloud.com/help/en/oss/user-guide/crc-64
   */
  readonly integrity: IntegrityScheme = { algorithm: 'crc64ecma', answerHeader: 'x-oss-hash-crc64ecma' };
  private client: { credentialOf: string; oss: InstanceType<OssClass> } | undefined;

  constructor(
    private readonly credentials: OssCredentialSource,
    private readonly clock: CloudClock,
  ) {}

  signPut(_size: number, signal?: AbortSignal): Promise<SignedRequest> {
    return this.sign({}, signal);
  }

  signPart(
    uploadId: string,
    partNumber: number,
    _size: number,
    signal?: AbortSignal,
  ): Promise<SignedRequest> {
    return this.sign({ partNumber: String(partNumber), uploadId }, signal);
  }

  async create(signal?: AbortSignal): Promise<string> {
    const { oss, target } = await this.oss(signal);
    const result = await call('Starting the multipart upload', () =>
      oss.initMultipartUpload(target.objectKey),
    );
    return result.uploadId;
  }

  async listParts(uploadId: string, signal?: AbortSignal): Promise<CheckpointPart[]> {
    const { oss, target } = await this.oss(signal);
    const parts: CheckpointPart[] = [];
    let marker: number | undefined;
    for (;;) {
      const query: Record<string, number> = { 'max-parts': 1000 };
      if (marker !== undefined) query['part-number-marker'] = marker;
      const page = await call('Listing the stored parts', () =>
        oss.listParts(target.objectKey, uploadId, query as never),
      );
      // ali-oss hands a single listed part over as an object, not an array.
      for (const part of [page.parts ?? []].flat()) {
        // The XML's <Size> and <HashCrc64ecma>, whatever @types/ali-oss says.
        const xml = part as unknown as { Size?: string; HashCrc64ecma?: string };
        const listed: CheckpointPart = {
          partNumber: Number(part.PartNumber),
          etag: String(part.ETag),
          size: Number(xml.Size ?? part.size),
        };
        if (typeof xml.HashCrc64ecma === 'string' && xml.HashCrc64ecma !== '')
          listed.checksum = xml.HashCrc64ecma;
        parts.push(listed);
      }
      // ali-oss hands the XML's IsTruncated over as the string 'true'/'false'.
      if (String(page.isTruncated) !== 'true' || !page.nextPartNumberMarker) return parts;
      marker = Number(page.nextPartNumberMarker);
    }
  }

  async complete(
    uploadId: string,
    parts: CheckpointPart[],
    signal?: AbortSignal,
  ): ReturnType<MultipartProtocol['complete']> {
    const { oss, target } = await this.oss(signal);
    const result = await call('Completing the multipart upload', () =>
      oss.completeMultipartUpload(
        target.objectKey,
        uploadId,
        parts.map((p) => ({ number: p.partNumber, etag: p.etag })),
      ),
    );
    return { checksum: headerOf(result.res?.headers, 'x-oss-hash-crc64ecma') };
  }

  async deleteObject(): Promise<boolean> {
    try {
      const { oss, target } = await this.oss();
      await call('Deleting the object', () => oss.delete(target.objectKey));
      return true;
    } catch {
      return false;
    }
  }

  async abort(uploadId: string): Promise<boolean> {
    try {
      const { oss, target } = await this.oss();
      await call('Aborting the multipart upload', () => oss.abortMultipartUpload(target.objectKey, uploadId));
      return true;
    } catch {
      return false;
    }
  }

  async recover(error: unknown): Promise<boolean> {
    const expired =
      isVodUploadError(error) &&
      (error.code === 'credential_expired' ||
        (error.cloudCode !== undefined && OSS_CREDENTIAL_CODES.has(error.cloudCode)));
    return expired ? this.credentials.refresh() : false;
  }

  /** The object's URL: path-style (`/bucket/key`) on an IP or localhost endpoint, virtual-hosted otherwise. */
  objectUrl(target: AliyunUploadTarget, query: Record<string, string>): URL {
    const endpoint = new URL(target.endpoint);
    const key = encodeKey(target.objectKey);
    const url = isPathStyle(endpoint.hostname)
      ? new URL(`${endpoint.origin}/${target.bucket}/${key}`)
      : new URL(`${endpoint.protocol}//${target.bucket}.${endpoint.host}/${key}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  private async sign(subresource: Record<string, string>, signal?: AbortSignal): Promise<SignedRequest> {
    const { oss, target } = await this.oss(signal);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'x-oss-date': new Date(this.clock.now()).toUTCString(),
      'x-oss-security-token': target.credential.securityToken,
    };
    // ali-oss signs with its own code (Signature V1); only the transport is ours.
    const sign = (oss as unknown as OssSigner).authorization.bind(oss);
    headers.authorization = sign('PUT', `/${target.bucket}/${target.objectKey}`, subresource, headers);
    return { url: this.objectUrl(target, subresource).toString(), method: 'PUT', headers };
  }

  /** An ali-oss client for the current credential (a new one after every refresh). */
  private async oss(
    signal?: AbortSignal,
  ): Promise<{ oss: InstanceType<OssClass>; target: AliyunUploadTarget }> {
    const target = await this.credentials.fresh(signal);
    const Oss = await loadOss();
    const { credential } = target;
    if (this.client?.credentialOf !== credential.securityToken) {
      const endpoint = new URL(target.endpoint);
      const oss = new Oss({
        accessKeyId: credential.accessKeyId,
        accessKeySecret: credential.accessKeySecret,
        stsToken: credential.securityToken,
        bucket: target.bucket,
        endpoint: target.endpoint,
        region: `oss-${target.region}`,
        secure: endpoint.protocol === 'https:',
        timeout: 60_000,
        // Path-style `/bucket/key` on a local endpoint (verified against the sandbox).
        ...(isPathStyle(endpoint.hostname) ? { sldEnable: true } : {}),
      } as ConstructorParameters<OssClass>[0]);
      (oss as unknown as { options: { amendTimeSkewed: number } }).options.amendTimeSkewed =
        this.clock.offsetMs;
      this.client = { credentialOf: credential.securityToken, oss };
    }
    return { oss: this.client.oss, target };
  }
}

interface OssSigner {
  authorization(
    method: string,
    resource: string,
    subres: Record<string, string>,
    headers: Record<string, string>,
  ): string;
}

function isPathStyle(hostname: string): boolean {
  return hostname === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.startsWith('[');
}

/** Runs one ali-oss call, turning its errors into the library's. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ossError(what, error);
  }
}

/** ali-oss's error object → a `VodUploadError` with the cloud's code. */
export function ossError(what: string, error: unknown): VodUploadError {
  if (isVodUploadError(error)) return error;
  const e = (error ?? {}) as { status?: number; code?: string; message?: string; requestId?: string };
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : 0;
  return cloudError('aliyun', what, {
    status,
    code: e.code,
    message: e.message,
    requestId: e.requestId,
    expired: e.code !== undefined && OSS_CREDENTIAL_CODES.has(e.code),
    cause: { status, error },
  });
}

/** Encodes an object key for the URL path (`/` kept), as ali-oss's `_escape` does. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}
