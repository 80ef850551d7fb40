import {
  type CheckpointPart,
  decodeTencentApplyUpload,
  decodeTencentCommitUpload,
  decodeTencentV2SignCos,
  ENDPOINT_ROUTES,
  isVodUploadError,
  pickPartSize,
  type StorageEndpoint,
  type TencentApplyUploadRequest,
  type TencentUploadTarget,
  type VodUploadResult,
  vodError,
} from '@vod-uploader/core';
import { BlobTransfer } from '../shared/blob-transfer.js';
import { Checkpointing } from '../shared/checkpointing.js';
import { baseNameOf, coverOf, extensionOf, imageExtensionOf } from '../shared/file-info.js';
import type { FileUploader, UploaderContext } from '../shared/file-uploader.js';
import { ProgressReporter } from '../shared/progress-reporter.js';
import { type CosLocation, CosProtocol, type CosRemoteSignFn } from './cos-protocol.js';

/** Fields of ApplyUpload the app may set (the endpoint's policy decides which it honours). */
export type TencentApplyFields = Pick<
  TencentApplyUploadRequest,
  'procedure' | 'classId' | 'sourceContext' | 'sessionContext'
>;

/** Options of {@link TencentUploader}. */
export interface TencentUploaderOptions {
  /** Where COS is reached when set by the app; wins over the host the endpoint names. */
  cos: CosLocation;
  apply: TencentApplyFields;
}

/** The target as checkpointed: with the COS host the endpoint named, so a resumed upload goes there too. */
type SavedTarget = TencentUploadTarget & { storageEndpoint?: StorageEndpoint };

/** How many times an upload starts again with a new application after its credential expired. */
const MAX_RESTARTS = 2;
/** COS takes parts of 1 MB to 5 GB and at most 10,000 of them. */
const COS_MIN_PART = 1024 * 1024;

/**
 * One file's journey to Tencent VOD: ApplyUpload through the endpoint → the media into COS at
 * `MediaStoragePath` (and the cover at `CoverStoragePath`) → CommitUpload → the `FileId`.
 * API 3.0 cannot renew a session's credential, so an upload that outlives it starts again with a new
 * application (after a warning), and one that would outlive it at the measured speed is warned about.
 * A legacy v2 session has no credential: each COS request is signed by the endpoint
 * (`/tencent/v2/sign-cos`, parts one round ahead), and it lives as long as its ticket; when the
 * endpoint answers `credential_expired` for it, the upload starts again the same way.
 */
export class TencentUploader implements FileUploader {
  private target: SavedTarget | undefined;
  private cos: CosLocation = {};
  /** The endpoint's ticket of the session; commit must send it. */
  private ticket: string | undefined;
  private transfer: BlobTransfer | undefined;
  private readonly checkpoint: Checkpointing<SavedTarget>;
  private restarts = 0;
  private warnedLifetime = false;
  private coverDone = false;
  private readonly partSize: number;

  constructor(
    private readonly ctx: UploaderContext,
    private readonly options: TencentUploaderOptions,
  ) {
    const { settings, data } = ctx;
    this.partSize = pickPartSize(data.size, { min: COS_MIN_PART, preferred: settings.partSize });
    this.checkpoint = Checkpointing.forFile(ctx, 'tencent');
  }

  async run(signal: AbortSignal): Promise<VodUploadResult> {
    for (;;) {
      try {
        return await this.runOnce(signal);
      } catch (error) {
        if (
          !(isVodUploadError(error) && error.code === 'credential_expired') ||
          this.restarts >= MAX_RESTARTS
        )
          throw error;
        if (signal.aborted) throw error;
        this.restarts += 1;
        this.ctx.warn({
          code: 'credential_expired_restarting',
          message: `The upload credential of ${this.ctx.file.name} expired before the upload finished; starting again with a new one.`,
        });
        await this.forget();
      }
    }
  }

  async cancel(): Promise<boolean> {
    const aborted = (await this.transfer?.abortRemote()) ?? true;
    await this.checkpoint.clear();
    return aborted;
  }

  private async runOnce(signal: AbortSignal): Promise<VodUploadResult> {
    const { ctx } = this;
    if (!this.target) await this.prepare(signal);
    const target = this.target as SavedTarget;
    const transfer = this.transfer as BlobTransfer;

    this.checkLifetime();
    const watch = setInterval(() => this.checkLifetime(), 1000);
    try {
      await transfer.run(signal);
    } finally {
      clearInterval(watch);
    }

    const cover = coverOf(ctx.file.meta);
    if (cover && target.coverKey && !this.coverDone) {
      const coverTransfer = new BlobTransfer({
        ...this.transferBase(),
        blob: cover,
        partSize: Math.max(cover.size, this.partSize),
        protocol: this.protocolFor(target, target.coverKey),
        progress: new ProgressReporter(cover.size, () => {}, ctx.settings.env),
      });
      await coverTransfer.run(signal);
      this.coverDone = true;
    }

    const answer = await ctx.client.postForEnvelope(
      ENDPOINT_ROUTES.tencentCommitUpload,
      { vodSessionKey: target.vodSessionKey, ...(this.ticket ? { ticket: this.ticket } : {}) },
      signal,
    );
    const committed = decodeTencentCommitUpload(answer.result);
    await this.checkpoint.clear();
    return {
      provider: 'tencent',
      id: committed.fileId,
      url: committed.mediaUrl,
      coverUrl: committed.coverUrl,
      ...(transfer.checksum ? { checksum: transfer.checksum } : {}),
      ...(answer.ticket ? { statusTicket: answer.ticket } : {}),
    };
  }

  /** Continues from a checkpoint whose credential is still good, else applies for a new upload. */
  private async prepare(signal: AbortSignal): Promise<void> {
    const { ctx } = this;
    const saved = await this.checkpoint.load();
    // isCheckpointUsable already refused a checkpoint whose credential is about to expire; one
    // without a ticket (older than tickets) could not be committed.
    const canSign = saved?.target.credential !== undefined || saved?.target.legacy === true;
    if (saved && saved.partSize === this.partSize && canSign && saved.ticket) {
      this.ticket = saved.ticket;
      this.useTarget(saved.target, { uploadId: saved.uploadId, parts: saved.doneParts });
      return;
    }
    const name = ctx.file.name ?? 'file';
    const cover = coverOf(ctx.file.meta);
    const request: TencentApplyUploadRequest = {
      ...this.options.apply,
      mediaType: extensionOf(name) || 'mp4',
      mediaName: baseNameOf(name),
      fileSize: ctx.data.size,
      ...(cover ? { coverType: imageExtensionOf(cover), coverSize: cover.size } : {}),
    };
    const { result, ticket, storageEndpoint } = await ctx.client.postForEnvelope(
      ENDPOINT_ROUTES.tencentApplyUpload,
      request,
      signal,
    );
    const target = decodeTencentApplyUpload(result);
    if (target.legacy && !ticket) {
      throw vodError('decode_failed', 'The endpoint answered a legacy v2 ApplyUpload without a ticket.', {
        provider: 'tencent',
        field: 'ticket',
        retryable: false,
      });
    }
    this.ticket = ticket;
    this.useTarget(storageEndpoint ? { ...target, storageEndpoint } : target, undefined);
  }

  private useTarget(
    target: SavedTarget,
    resume: { uploadId: string; parts: CheckpointPart[] } | undefined,
  ): void {
    this.target = target;
    // The app's own `cosDomain` wins; else the host the endpoint is configured with; else COS's default.
    const { storageEndpoint } = target;
    this.cos =
      this.options.cos.domain || !storageEndpoint
        ? this.options.cos
        : { domain: storageEndpoint.domain, protocol: storageEndpoint.protocol };
    this.coverDone = false;
    this.checkpoint.begin({
      target,
      partSize: this.partSize,
      credentialExpiresAt: target.credential?.expiresAt,
      ...(this.ticket ? { ticket: this.ticket } : {}),
    });
    this.transfer = new BlobTransfer({
      ...this.transferBase(),
      blob: this.ctx.data,
      partSize: this.partSize,
      protocol: this.protocolFor(target, target.mediaKey),
      progress: this.ctx.progress,
      resume,
      onUploadId: (uploadId) => this.checkpoint.saveUploadId(uploadId),
      onPartStored: (parts) => this.checkpoint.save(parts),
    });
    if (resume)
      void this.checkpoint.saveUploadId(resume.uploadId).then(() => this.checkpoint.save(resume.parts));
  }

  /** The COS protocol of one object of `target`; a v2 target's requests are signed by the endpoint. */
  private protocolFor(target: TencentUploadTarget, key: string): CosProtocol {
    const { client } = this.ctx;
    const remoteSign: CosRemoteSignFn | undefined = target.legacy
      ? async (request, signal) =>
          decodeTencentV2SignCos(
            await client.post(ENDPOINT_ROUTES.tencentV2SignCos, { ...request, ticket: this.ticket }, signal),
          ).authorization
      : undefined;
    return new CosProtocol(target, key, this.cos, client, remoteSign);
  }

  private transferBase() {
    const { settings, warn, partResent } = this.ctx;
    return {
      concurrency: settings.concurrency,
      retry: settings.retry,
      env: settings.env,
      verify: settings.verifyIntegrity,
      integrity: { warn, onPartResent: partResent },
    };
  }

  /** Warns once when, at the measured speed, the credential expires before the bytes left are sent. */
  private checkLifetime(): void {
    const expiresAt = this.target?.credential?.expiresAt;
    if (this.warnedLifetime || expiresAt === undefined) return;
    const { ctx } = this;
    const latest = ctx.progress.latest;
    const speed = latest && latest.speed > 0 ? latest.speed : ctx.measuredSpeed();
    if (speed <= 0) return;
    const bytesLeft = ctx.data.size - (latest?.bytesUploaded ?? 0);
    const msLeft = expiresAt - ctx.client.now();
    if ((bytesLeft / speed) * 1000 <= msLeft) return;
    this.warnedLifetime = true;
    ctx.warn({
      code: 'credential_may_expire',
      message: `At the current speed, ${ctx.file.name} needs about ${Math.ceil(bytesLeft / speed)} s but its upload credential expires in ${Math.max(0, Math.floor(msLeft / 1000))} s.`,
    });
  }

  /** Drops the current application (after its credential expired): best-effort abort, then forget. */
  private async forget(): Promise<void> {
    await this.transfer?.abortRemote().catch(() => false);
    await this.checkpoint.clear();
    this.target = undefined;
    this.ticket = undefined;
    this.transfer = undefined;
    this.warnedLifetime = false;
  }
}
