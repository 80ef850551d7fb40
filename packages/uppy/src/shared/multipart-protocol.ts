import type { CheckpointPart, ProviderKey } from '@vod-uploader/core';

/** A request signed by a protocol, sent by the shared transport (which never knows how it was signed). */
export interface SignedRequest {
  url: string;
  method?: 'PUT' | 'POST';
  headers?: Record<string, string>;
}

/**
 * One object store's multipart protocol for one object, as the shared {@link BlobTransfer} drives it.
 * Each provider keeps its SDK for these steps (signing, XML) and leaves the bytes to the transport.
 */
export interface MultipartProtocol {
  readonly provider: ProviderKey;
  /** Signs a single PUT of the whole object (small files). */
  signPut(size: number, signal?: AbortSignal): Promise<SignedRequest>;
  /** Starts a multipart upload; resolves its id. */
  create(signal?: AbortSignal): Promise<string>;
  /** The parts the bucket holds for `uploadId`. Rejects with `not_found` when the upload is gone. */
  listParts(uploadId: string, signal?: AbortSignal): Promise<CheckpointPart[]>;
  signPart(uploadId: string, partNumber: number, size: number, signal?: AbortSignal): Promise<SignedRequest>;
  complete(uploadId: string, parts: CheckpointPart[], signal?: AbortSignal): Promise<void>;
  /** Aborts the multipart upload on the bucket (best effort; resolves false when that failed). */
  abort(uploadId: string): Promise<boolean>;
  /** Fixes a failure when it can (e.g. refreshes an expired credential); `true` means "try again now". */
  recover?(error: unknown): Promise<boolean>;
}
