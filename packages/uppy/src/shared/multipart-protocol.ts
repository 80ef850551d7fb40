import type { CheckpointPart, ProviderKey } from '@vod-uploader/core';
import type { ChecksumAlgorithm } from './compute-checksum.js';
import type { PutBlobResponse } from './put-blob.js';

/** A request signed by a protocol, sent by the shared transport (which never knows how it was signed). */
export interface SignedRequest {
  url: string;
  method?: 'PUT' | 'POST';
  headers?: Record<string, string>;
}

/**
 * How a bucket proves what it stored, for the transport to check. COS and OSS answer each part's
 * CRC64 in a header and never refuse a mismatch (the client compares); S3 takes the part's checksum
 * as a signed request header and refuses a mismatch itself (`BadDigest`).
 */
export interface IntegrityScheme {
  algorithm: ChecksumAlgorithm;
  /** The answer header carrying the stored bytes' checksum (UploadPart, PutObject), compared by the transport. */
  answerHeader?: string;
  /** The checksum is computed before signing and sent with the request (S3). */
  sentWithRequest?: boolean;
}

/** What CompleteMultipartUpload answered that the transport checks. */
export interface CompleteAnswer {
  /** The object's checksum as the bucket computed it (absent when not answered or not exposed by CORS). */
  checksum?: string;
}

/**
 * One object store's multipart protocol for one object, as the shared {@link BlobTransfer} drives it.
 * Each provider keeps its SDK for these steps (signing, XML) and leaves the bytes to the transport.
 */
export interface MultipartProtocol {
  readonly provider: ProviderKey;
  /** Absent: nothing is verified (a store without checksums). */
  readonly integrity?: IntegrityScheme;
  /** Signs a single PUT of the whole object (small files); `checksum` when {@link IntegrityScheme.sentWithRequest}. */
  signPut(size: number, signal?: AbortSignal, checksum?: string): Promise<SignedRequest>;
  /**
   * What the key holds (HeadObject), resolved as an answer the transport checks as it checks a PUT's.
   * A browser resends a request whose connection dropped before the answer, and the resend meets what
   * the first copy did: a conditional single PUT finds the key taken (S3's `If-None-Match: *`, legacy
   * COS's `x-cos-forbid-overwrite`), a Complete finds its upload gone. Absent where nothing can be
   * read back; S3's answers without a checksum (its PUT URL is the proof, see there).
   */
  storedObject?(signal?: AbortSignal): Promise<PutBlobResponse>;
  /** Starts a multipart upload; resolves its id. */
  create(signal?: AbortSignal): Promise<string>;
  /**
   * The parts the bucket holds for `uploadId`, with the checksum the bucket lists for each where it
   * lists one (OSS, S3). Rejects with `not_found` when the upload is gone.
   */
  listParts(uploadId: string, signal?: AbortSignal): Promise<CheckpointPart[]>;
  signPart(
    uploadId: string,
    partNumber: number,
    size: number,
    signal?: AbortSignal,
    checksum?: string,
  ): Promise<SignedRequest>;
  complete(
    uploadId: string,
    parts: CheckpointPart[],
    signal?: AbortSignal,
  ): Promise<CompleteAnswer | undefined>;
  /** Aborts the multipart upload on the bucket (best effort; resolves false when that failed). */
  abort(uploadId: string): Promise<boolean>;
  /** Deletes the object (best effort, where the credential allows): after it proved not to be the file. */
  deleteObject?(): Promise<boolean>;
  /** Fixes a failure when it can (e.g. refreshes an expired credential); `true` means "try again now". */
  recover?(error: unknown): Promise<boolean>;
}
