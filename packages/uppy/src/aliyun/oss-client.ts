import type OSS from 'ali-oss';

/** What ali-oss is built with for one credential (a cloneable object: it crosses to the OSS worker). */
export interface OssClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  stsToken: string;
  bucket: string;
  endpoint: string;
  region: string;
  secure: boolean;
  timeout: number;
  sldEnable?: boolean;
  /** The cloud clock's offset from ours, ms: ali-oss signs `x-oss-date` with it. */
  amendTimeSkewed: number;
}

/** A part in ListParts as ali-oss parses the XML: `<Size>` and `<HashCrc64ecma>` as strings. */
export interface OssListedPart {
  PartNumber?: string | number;
  ETag?: string;
  Size?: string;
  size?: number;
  HashCrc64ecma?: string;
}

/** One page of ListParts, as ali-oss parses the XML (its field types, not @types/ali-oss's). */
export interface OssPartsPage {
  /** A single listed part comes as an object, not an array. */
  parts: OssListedPart | OssListedPart[] | undefined;
  isTruncated: unknown;
  nextPartNumberMarker: unknown;
}

/**
 * The ali-oss calls {@link OssProtocol} makes, with answers reduced to plain data, so that the same
 * calls can run on an ali-oss client in this thread or in the OSS worker (`oss-worker.ts`).
 */
export interface OssClient {
  initMultipartUpload(key: string): Promise<{ uploadId: string }>;
  listParts(key: string, uploadId: string, query: Record<string, number>): Promise<OssPartsPage>;
  /** Resolves the answer's headers (lower-cased names), where `x-oss-hash-crc64ecma` is. */
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { number: number; etag: string }[],
  ): Promise<Record<string, string>>;
  /** HeadObject: resolves the answer's headers (lower-cased names), as Complete's. */
  head(key: string): Promise<Record<string, string>>;
  delete(key: string): Promise<void>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** ali-oss's Signature V1 `Authorization` header for a request (its own code signs). */
  authorization(
    method: string,
    resource: string,
    subres: Record<string, string>,
    headers: Record<string, string>,
  ): Promise<string>;
}

/** The ali-oss fields an error keeps when it crosses from the worker (an Error's own props do not). */
export interface OssErrorFields {
  name?: string;
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
}

/** The fields of an ali-oss error that {@link ossError} reads, as a cloneable object. */
export function ossErrorFields(error: unknown): OssErrorFields {
  const e = (error ?? {}) as OssErrorFields;
  return { name: e.name, status: e.status, code: e.code, message: e.message, requestId: e.requestId };
}

/** An {@link OssClient} over an ali-oss instance of the calling thread. */
export function ossClientOf(Oss: typeof OSS, options: OssClientOptions): OssClient {
  const { amendTimeSkewed, ...rest } = options;
  const oss = new Oss(rest as ConstructorParameters<typeof OSS>[0]);
  (oss as unknown as { options: { amendTimeSkewed: number } }).options.amendTimeSkewed = amendTimeSkewed;
  const signer = oss as unknown as {
    authorization(m: string, r: string, s: Record<string, string>, h: Record<string, string>): string;
  };
  return {
    async initMultipartUpload(key) {
      const { uploadId } = await oss.initMultipartUpload(key);
      return { uploadId };
    },
    async listParts(key, uploadId, query) {
      const page = await oss.listParts(key, uploadId, query as never);
      // Plain data only: the parts as parsed (a single part comes as an object), the paging fields.
      return JSON.parse(
        JSON.stringify({
          parts: page.parts,
          isTruncated: page.isTruncated,
          nextPartNumberMarker: page.nextPartNumberMarker,
        }),
      ) as OssPartsPage;
    },
    async completeMultipartUpload(key, uploadId, parts) {
      return plainHeaders((await oss.completeMultipartUpload(key, uploadId, parts)).res);
    },
    async head(key) {
      return plainHeaders((await oss.head(key)).res);
    },
    async delete(key) {
      await oss.delete(key);
    },
    async abortMultipartUpload(key, uploadId) {
      await oss.abortMultipartUpload(key, uploadId);
    },
    async authorization(method, resource, subres, headers) {
      return signer.authorization(method, resource, subres, headers);
    },
  };
}

/** An ali-oss answer's headers as plain data, names lower-cased (cloneable across the worker). */
function plainHeaders(res: { headers?: unknown } | undefined): Record<string, string> {
  const headers = (res?.headers ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
