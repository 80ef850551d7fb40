import {
  type CheckpointPart,
  decodeS3SignPartsResponse,
  decodeS3SignResponse,
  ENDPOINT_ROUTES,
  type EndpointResult,
  isVodUploadError,
  type S3CompleteRequest,
  type S3CompleteResponse,
  type S3SignRequest,
  type S3SignResponse,
  vodError,
} from '@vod-uploader/core';
import { cloudHttpError } from '../shared/cloud-error.js';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { abortedError } from '../shared/environment.js';
import type {
  CompleteAnswer,
  IntegrityScheme,
  MultipartProtocol,
  SignedRequest,
} from '../shared/multipart-protocol.js';
import type { PutBlobResponse } from '../shared/put-blob.js';
import { succeeds } from '../shared/succeeds.js';
import { S3PartSigner } from './s3-part-signer.js';

/** The file as the endpoint's policy sees it when it picks the key. */
export interface S3FileInfo {
  fileName: string;
  fileSize: number;
  contentType?: string;
  /** The part size of a multipart upload: the endpoint bounds the part count and signs each length. */
  partSize?: number;
}

/**
 * S3's multipart protocol for one object, every request presigned by the endpoint's `/s3/sign` (the
 * `signRequest` contract of `@uppy/aws-s3` 6, so the same endpoint serves both). The endpoint picks the
 * key on PutObject/CreateMultipartUpload; later requests use that key.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
 */
export class S3Protocol implements MultipartProtocol {
  readonly provider = 's3' as const;
  /**
   * CRC32C, sent as the signed `x-amz-checksum-crc32c` header of every PUT: S3 itself refuses other
   * bytes (`BadDigest`), keeps each part's checksum (ListParts) and answers the object's composite
   * checksum on Complete. CRC32C rather than CRC64NVME: S3 has taken it since 2022 (and S3-compatible
   * stores such as MinIO do), hash-wasm computes it natively, and its composite object checksum is
   * a CRC of the parts' CRCs that the browser computes without a combine.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
   */
  readonly integrity: IntegrityScheme = { algorithm: 'crc32c', sentWithRequest: true };
  /** The object's URL, known once a PUT or part has been signed. */
  objectUrl: string | undefined;
  /** Coalesces the parts' signatures into batched `/s3/sign` calls. */
  readonly partSigner: S3PartSigner;
  /**
   * The endpoint's answer to the multipart upload it completed (`/s3/complete` with the parts), which
   * is also the session's finish; undefined for a single PUT or an endpoint without that route.
   */
  completed: EndpointResult<unknown> | undefined;

  constructor(
    private readonly client: EndpointClient,
    private readonly file: S3FileInfo,
    /** The key the endpoint generated, once known (restored from a checkpoint on resume). */
    public key: string | undefined = undefined,
    /** The endpoint's ticket of the object's session: every later sign and the complete send it. */
    public ticket: string | undefined = undefined,
    /** Whether multipart uploads keep CRC32C checksums (`verifyIntegrity`); Complete then needs them. */
    private readonly checksums = true,
  ) {
    this.partSigner = new S3PartSigner({
      signParts: async (parts) => {
        const uploadId = this.signingUploadId as string;
        const request: S3SignRequest = { method: 'PUT', key: this.requireKey(), uploadId, parts };
        const raw = await this.client.post(ENDPOINT_ROUTES.s3Sign, this.withTicket(request));
        const asked = parts.map((p) => p.partNumber);
        return decodeS3SignPartsResponse(raw, asked).parts.map((p) => ({
          url: p.url,
          method: 'PUT' as const,
          headers: p.headers,
        }));
      },
      signPart: async (part, signal) => {
        const signed = await this.sign(
          { method: 'PUT', key: this.requireKey(), uploadId: this.signingUploadId, ...part },
          signal,
        );
        return { url: signed.url, method: 'PUT', headers: signed.headers };
      },
    });
  }

  /** The upload whose parts are being signed (one per protocol instance: one object). */
  private signingUploadId: string | undefined;

  async signPut(_size: number, signal?: AbortSignal, checksum?: string): Promise<SignedRequest> {
    const signed = await this.open(
      {
        method: 'PUT',
        key: this.file.fileName,
        ...this.fileFields(),
        ...(checksum ? { checksumCRC32C: checksum } : {}),
      },
      signal,
    );
    if (signed.key) this.key = signed.key;
    this.objectUrl = objectUrlOf(signed.url);
    return { url: signed.url, method: 'PUT', headers: signed.headers };
  }

  /**
   * The key was generated for this PUT alone and its URL signs the length, the CRC32C and
   * `If-None-Match: *`: S3 stores nothing else under it, so an object there is this PUT's first copy
   * (Chromium resent it after its answer was lost). The endpoint's complete then checks its size.
   */
  async storedObject(): Promise<PutBlobResponse> {
    return { status: 200, etag: undefined, body: '', header: () => undefined };
  }

  async create(signal?: AbortSignal): Promise<string> {
    const { partSize } = this.file;
    const signed = await this.open(
      {
        method: 'POST',
        key: this.file.fileName,
        ...this.fileFields(),
        ...(partSize ? { partSize } : {}),
        ...(this.checksums ? { checksumAlgorithm: 'CRC32C' as const } : {}),
      },
      signal,
    );
    if (signed.key) this.key = signed.key;
    const body = await this.send('Starting the multipart upload', signed, 'POST', undefined, signal);
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(body)?.[1];
    if (!uploadId) {
      throw vodError('decode_failed', 'CreateMultipartUpload answered without an UploadId.', {
        provider: 's3',
        field: 'UploadId',
      });
    }
    return uploadId;
  }

  async listParts(uploadId: string, signal?: AbortSignal): Promise<CheckpointPart[]> {
    // Page by page (S3 lists at most 1,000 parts at a time): the endpoint signs each page's marker.
    const parts: CheckpointPart[] = [];
    let marker: number | undefined;
    for (;;) {
      const request: S3SignRequest = { method: 'GET', key: this.requireKey(), uploadId };
      if (marker !== undefined) request.partNumberMarker = marker;
      const signed = await this.sign(request, signal);
      const body = await this.send('Listing the stored parts', signed, 'GET', undefined, signal);
      parts.push(...listedParts(body));
      const next = Number(xmlElement(body.replace(/<Part>[\s\S]*?<\/Part>/g, ''), 'NextPartNumberMarker'));
      // A next marker that does not move on would list the same page for ever: stop at what we have.
      if (xmlElement(body, 'IsTruncated') !== 'true' || !(next > (marker ?? 0))) return parts;
      marker = next;
    }
  }

  async signPart(
    uploadId: string,
    partNumber: number,
    size: number,
    signal?: AbortSignal,
    checksum?: string,
  ): Promise<SignedRequest> {
    this.signingUploadId = uploadId;
    const signed = await this.partSigner.sign(
      { partNumber, partSize: size, ...(checksum ? { checksumCRC32C: checksum } : {}) },
      signal,
    );
    this.objectUrl = objectUrlOf(signed.url);
    return signed;
  }

  /**
   * Asks the endpoint to complete the upload (one round trip: it sends CompleteMultipartUpload with
   * the declared size, checks the composite checksum and reports the object). An endpoint that serves
   * only `/s3/sign` (the `@uppy/aws-s3` contract) has it signed and sent from here instead.
   */
  async complete(
    uploadId: string,
    parts: CheckpointPart[],
    signal?: AbortSignal,
  ): Promise<CompleteAnswer | undefined> {
    const { ticket } = this;
    const request = (ticket: string): S3CompleteRequest => ({
      key: this.requireKey(),
      ticket,
      uploadId,
      parts: parts.map((p) => ({
        partNumber: p.partNumber,
        etag: p.etag,
        ...(p.checksum ? { checksumCRC32C: p.checksum } : {}),
      })),
    });
    // Without a ticket (an endpoint that issues none) there is no session the endpoint could complete.
    const answer = ticket
      ? await this.client.postIfRouted(ENDPOINT_ROUTES.s3Complete, request(ticket), signal)
      : undefined;
    if (!answer) return this.completeHere(uploadId, parts, signal);
    this.completed = answer;
    const { checksumCRC32C } = (answer.result ?? {}) as Partial<S3CompleteResponse>;
    return typeof checksumCRC32C === 'string' ? { checksum: checksumCRC32C } : {};
  }

  /** CompleteMultipartUpload signed by the endpoint and sent by the browser. */
  private async completeHere(
    uploadId: string,
    parts: CheckpointPart[],
    signal?: AbortSignal,
  ): Promise<CompleteAnswer> {
    const signed = await this.sign({ method: 'POST', key: this.requireKey(), uploadId }, signal);
    const xml = `<CompleteMultipartUpload>${parts
      .map(
        (p) =>
          `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${encodeXml(p.etag)}</ETag>${
            p.checksum ? `<ChecksumCRC32C>${p.checksum}</ChecksumCRC32C>` : ''
          }</Part>`,
      )
      .join('')}</CompleteMultipartUpload>`;
    const body = await this.send('Completing the multipart upload', signed, 'POST', xml, signal);
    // S3 may answer 200 and still fail the completion in the body.
    if (/<Error>/.test(body)) throw cloudHttpError('s3', 500, body, 'Completing the multipart upload');
    const checksum = /<ChecksumCRC32C>([^<]+)<\/ChecksumCRC32C>/.exec(body)?.[1];
    return checksum ? { checksum } : {};
  }

  abort(uploadId: string): Promise<boolean> {
    return succeeds(async () => {
      const signed = await this.sign({ method: 'DELETE', key: this.requireKey(), uploadId });
      await this.send('Aborting the multipart upload', signed, 'DELETE');
    });
  }

  /** A presigned URL that expired is fixed by signing again, which every attempt does. */
  async recover(error: unknown): Promise<boolean> {
    return isVodUploadError(error) && error.code === 'credential_expired';
  }

  private fileFields(): Partial<S3SignRequest> {
    const { fileName, fileSize, contentType } = this.file;
    return { fileName, fileSize, ...(contentType ? { contentType } : {}) };
  }

  private requireKey(): string {
    if (!this.key) throw vodError('internal', 'The S3 object key is not known yet.', { provider: 's3' });
    return this.key;
  }

  /** Signs a PUT or create, which opens the object's session: keeps the session's ticket. */
  private async open(request: S3SignRequest, signal?: AbortSignal): Promise<S3SignResponse> {
    const { result, ticket } = await this.client.postForEnvelope(ENDPOINT_ROUTES.s3Sign, request, signal);
    const signed = decodeS3SignResponse(result);
    this.ticket = ticket;
    return signed;
  }

  /** Signs a later step of the session, with its ticket. */
  private async sign(request: S3SignRequest, signal?: AbortSignal): Promise<S3SignResponse> {
    return decodeS3SignResponse(
      await this.client.post(ENDPOINT_ROUTES.s3Sign, this.withTicket(request), signal),
    );
  }

  private withTicket(request: S3SignRequest): S3SignRequest {
    return this.ticket ? { ...request, ticket: this.ticket } : request;
  }

  /** Sends a small control request to a presigned URL; resolves the response text. */
  private async send(
    what: string,
    signed: S3SignResponse,
    method: 'GET' | 'POST' | 'DELETE',
    body?: string,
    signal?: AbortSignal,
  ): Promise<string> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(signed.url, { method, headers: signed.headers, body, signal });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw abortedError();
      throw vodError('network', `${what} failed: the connection dropped.`, {
        provider: 's3',
        cause: { status: 0, cause },
      });
    }
    // Core's one table classifies the answer (NoSuchUpload: `not_found`, so the transfer starts anew).
    if (!response.ok) throw cloudHttpError('s3', response.status, text, what);
    return text;
  }
}

/** The object's URL: a presigned URL without its query (signature, upload id, part number). */
function objectUrlOf(presignedUrl: string): string {
  const url = new URL(presignedUrl, globalThis.location?.href);
  return `${url.origin}${url.pathname}`;
}

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text of the first `<tag>` in `xml`, or '' when there is none. */
function xmlElement(xml: string, tag: string): string {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1] ?? '';
}

/** The `<Part>`s of one ListParts page, with each part's CRC32C when the upload keeps them. */
function listedParts(body: string): CheckpointPart[] {
  return [...body.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((m) => {
    const part = m[1] ?? '';
    const listed: CheckpointPart = {
      partNumber: Number(xmlElement(part, 'PartNumber')),
      etag: decodeXml(xmlElement(part, 'ETag')),
      size: Number(xmlElement(part, 'Size')),
    };
    const checksum = xmlElement(part, 'ChecksumCRC32C');
    if (checksum) listed.checksum = checksum;
    return listed;
  });
}
