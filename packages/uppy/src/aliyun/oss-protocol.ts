import {
  type AliyunUploadTarget,
  type CheckpointPart,
  isVodUploadError,
  type VodUploadError,
} from '@vod-uploader/core';
import type OSS from 'ali-oss';
import { sdkCloudError } from '../shared/cloud-error.js';
import type { CloudClock } from '../shared/endpoint-client.js';
import type { IntegrityScheme, MultipartProtocol, SignedRequest } from '../shared/multipart-protocol.js';
import type { PutBlobResponse } from '../shared/put-blob.js';
import { succeeds } from '../shared/succeeds.js';
import { type OssClient, ossClientOf } from './oss-client.js';
import { type OssClients, workerOssClients } from './worker-oss-clients.js';

let ossClients: Promise<OssClients> | undefined;

/**
 * Loads ali-oss the first time an Alibaba file uploads (or at the plugin's idle preload): in the OSS
 * worker (`worker-oss-clients.ts`), so that evaluating its ~1.5 MB browser build, which was one
 * 435–774 ms task on the bench machine, never blocks the page; where a worker cannot run it, as a
 * lazy chunk of the page.
 */
export function loadOss(): Promise<OssClients> {
  ossClients ??= workerOssClients()
    .then((inWorker) => inWorker ?? inPageOssClients())
    .then(async (loaded) => {
      await loaded.load();
      return loaded;
    })
    .catch((error: unknown) => {
      ossClients = undefined; // a chunk that failed to load is fetched again by the next call
      throw error;
    });
  return ossClients;
}

/** ali-oss in the page itself, its own lazy chunk: the fallback where no worker can run it. */
function inPageOssClients(): OssClients {
  let ossClass: Promise<typeof OSS> | undefined;
  const load = () => {
    ossClass ??= import('ali-oss').then((m) => ((m as { default?: typeof OSS }).default ?? m) as typeof OSS);
    return ossClass;
  };
  return {
    load: async () => {
      await load();
    },
    open: async (options) => ossClientOf(await load(), options),
  };
}

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
  private client: { credentialOf: string; oss: Promise<OssClient> } | undefined;

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
        oss.listParts(target.objectKey, uploadId, query),
      );
      // ali-oss hands a single listed part over as an object, not an array.
      for (const part of [page.parts ?? []].flat()) {
        const listed: CheckpointPart = {
          partNumber: Number(part.PartNumber),
          etag: String(part.ETag),
          size: Number(part.Size ?? part.size),
        };
        if (typeof part.HashCrc64ecma === 'string' && part.HashCrc64ecma !== '')
          listed.checksum = part.HashCrc64ecma;
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
    const headers = await call('Completing the multipart upload', () =>
      oss.completeMultipartUpload(
        target.objectKey,
        uploadId,
        parts.map((p) => ({ number: p.partNumber, etag: p.etag })),
      ),
    );
    return { checksum: headers['x-oss-hash-crc64ecma'] || undefined };
  }

  /** HeadObject: what OSS holds under the key (its CRC64), asked when Complete found the upload gone. */
  async storedObject(signal?: AbortSignal): Promise<PutBlobResponse> {
    const { oss, target } = await this.oss(signal);
    const headers = await call('Checking the stored object', () => oss.head(target.objectKey));
    const header = (name: string) => headers[name.toLowerCase()] || undefined;
    return { status: 200, etag: header('etag'), body: '', header };
  }

  deleteObject(): Promise<boolean> {
    return succeeds(async () => {
      const { oss, target } = await this.oss();
      await call('Deleting the object', () => oss.delete(target.objectKey));
    });
  }

  abort(uploadId: string): Promise<boolean> {
    return succeeds(async () => {
      const { oss, target } = await this.oss();
      await call('Aborting the multipart upload', () => oss.abortMultipartUpload(target.objectKey, uploadId));
    });
  }

  /** An expired STS credential (core's table reads OSS's codes for it) is fixed by a fresh one. */
  async recover(error: unknown): Promise<boolean> {
    const expired = isVodUploadError(error) && error.code === 'credential_expired';
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
    headers.authorization = await oss.authorization(
      'PUT',
      `/${target.bucket}/${target.objectKey}`,
      subresource,
      headers,
    );
    return { url: this.objectUrl(target, subresource).toString(), method: 'PUT', headers };
  }

  /** An ali-oss client for the current credential (a new one after every refresh). */
  private async oss(signal?: AbortSignal): Promise<{ oss: OssClient; target: AliyunUploadTarget }> {
    const target = await this.credentials.fresh(signal);
    const { credential } = target;
    if (this.client?.credentialOf !== credential.securityToken) {
      const endpoint = new URL(target.endpoint);
      const opening = loadOss().then((clients) =>
        clients.open({
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
          amendTimeSkewed: this.clock.offsetMs,
        }),
      );
      // A client that failed to open is opened afresh by the next call.
      opening.catch(() => {
        if (this.client?.oss === opening) this.client = undefined;
      });
      this.client = { credentialOf: credential.securityToken, oss: opening };
    }
    return { oss: await this.client.oss, target };
  }
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
  const e = (error ?? {}) as { status?: unknown; code?: string; message?: string; requestId?: string };
  return sdkCloudError('aliyun', what, error, e);
}

/** Encodes an object key for the URL path (`/` kept), as ali-oss's `_escape` does. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}
