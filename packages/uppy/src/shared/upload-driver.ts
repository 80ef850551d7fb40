import type { ProviderKey, VodUploadResult } from '@vod-uploader/core';
import type { UploaderContext } from './file-uploader.js';
import type { MultipartProtocol } from './multipart-protocol.js';

/** What the engine hands a driver for one file, besides the plugin's {@link UploaderContext}. */
export interface DriverContext extends UploaderContext {
  /** The part size of the file's media object. */
  partSize: number;
  /** Stores a small second object (a cover) in one PUT, with its own protocol and no progress of its own. */
  sendBlob(blob: Blob, protocol: MultipartProtocol, signal: AbortSignal): Promise<void>;
  /**
   * The credential was renewed (`reapplied`: applied for again, a new target and ticket): the engine
   * writes the checkpoint again and tells the user.
   */
  credentialRefreshed(reapplied: boolean): void;
}

/**
 * One application of a file to the cloud (new, or continued from a checkpoint): what the engine's
 * transfer, cover and finish steps need from the provider.
 */
export interface UploadSession<TTarget> {
  /** What a checkpoint records to continue the session; read whenever one is written. */
  readonly target: TTarget;
  /** The endpoint's ticket of the session; a checkpoint without one cannot be continued. */
  readonly ticket: string | undefined;
  /**
   * When the credential dies for good (a cloud that cannot renew it): the checkpoint expires then,
   * and the engine warns when, at the measured speed, the upload will not make it.
   */
  readonly credentialExpiresAt?: number;
  /** The protocol of the media object. */
  readonly media: MultipartProtocol;
  /** Stores the file's cover the way this cloud takes covers; absent when this session takes none. */
  uploadCover?(cover: Blob, signal: AbortSignal): Promise<void>;
  /** Tells the cloud (through the endpoint) that every byte is stored; resolves the result, checksum aside. */
  finish(signal: AbortSignal): Promise<VodUploadResult>;
}

/**
 * A provider as the shared engine ({@link FileUpload}) drives it: how to apply, how to continue a
 * checkpoint, and what an expired credential means. The engine owns the sequence (apply → transfer →
 * cover → finish, checkpoints, resume, cancel), so a provider says only what differs.
 */
export interface UploadDriver<TTarget = unknown> {
  readonly provider: ProviderKey;
  /** The store's smallest part (the last one excepted). */
  readonly minPartSize: number;
  /**
   * `restart`: the cloud cannot renew a session's credential (Tencent API 3.0), so an upload that
   * outlives it applies again and starts over; `refresh`: the protocol renews it itself.
   */
  readonly onExpiry: 'restart' | 'refresh';
  /**
   * The session holds its own credential (Tencent API 3.0, Alibaba): a resumed checkpoint's first
   * byte needs no endpoint call that would refuse another caller's ticket, so the engine asks the
   * endpoint (`/session/check`) before sending any.
   */
  readonly checksOwnerOnResume?: boolean;
  /** Whether this file goes in one PUT whatever its size (an Alibaba image: a re-applied one has a new key). */
  isSinglePut?(ctx: UploaderContext): boolean;
  /** Applies for a new upload through the endpoint. */
  apply(ctx: DriverContext, signal: AbortSignal): Promise<UploadSession<TTarget>>;
  /** Continues a checkpoint's session; `undefined` when this one cannot be continued. */
  resume(ctx: DriverContext, target: TTarget, ticket: string): UploadSession<TTarget> | undefined;
}
