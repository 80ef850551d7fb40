import { ENDPOINT_ROUTES, isVodUploadError, planTransfer, type VodUploadResult } from '@vod-uploader/core';
import { BlobTransfer, type BlobTransferOptions } from './blob-transfer.js';
import { Checkpointing } from './checkpointing.js';
import { coverOf } from './file-info.js';
import type { FileUploader, UploaderContext } from './file-uploader.js';
import type { MultipartProtocol } from './multipart-protocol.js';
import { ProgressReporter } from './progress-reporter.js';
import type { DriverContext, UploadDriver, UploadSession } from './upload-driver.js';

/** How many times an upload starts again with a new application after its credential expired. */
const MAX_RESTARTS = 2;

/** The session in use and the transfer of its media object. */
interface Current<TTarget> {
  session: UploadSession<TTarget>;
  transfer: BlobTransfer;
}

/**
 * One file's journey to any cloud, the provider's part left to its {@link UploadDriver}: continue a
 * checkpoint or apply → the media through the shared transport (checkpointed as parts are stored) →
 * the cover → finish → forget the checkpoint. Run again after a pause or failure, it continues with
 * the same session; a credential that expired for good (`restart` drivers) makes it apply again, after
 * a warning, and one that will expire before the bytes left are sent is warned about.
 */
export class FileUpload<TTarget> implements FileUploader {
  private readonly ctx: DriverContext;
  private readonly checkpoint: Checkpointing<TTarget>;
  private current: Current<TTarget> | undefined;
  /** The checkpoint being read or the application being made: a cancel waits for what it opens. */
  private opening: Promise<Current<TTarget>> | undefined;
  private coverDone = false;
  private restarts = 0;
  private droppedOthers = false;
  /** The session being opened or run was continued from a checkpoint, not applied for by this page. */
  private resumedCheckpoint = false;
  /** The part size a new application gets (a resumed checkpoint may impose its own meanwhile). */
  private readonly plannedPartSize: number;
  private warnedLifetime = false;

  constructor(
    context: UploaderContext,
    private readonly driver: UploadDriver<TTarget>,
  ) {
    const { data, settings } = context;
    const picked = planTransfer(data.size, {
      provider: driver.provider,
      limits: { minPart: driver.minPartSize },
      partSize: settings.partSize,
    }).partSize;
    this.ctx = {
      ...context,
      partSize: driver.isSinglePut?.(context) ? Math.max(data.size, picked) : picked,
      sendBlob: (blob, protocol, signal) => this.sendBlob(blob, protocol, signal),
      credentialRefreshed: (reapplied) => this.credentialRefreshed(reapplied),
    };
    this.plannedPartSize = this.ctx.partSize;
    this.checkpoint = Checkpointing.forFile(context, driver.provider);
  }

  async run(signal: AbortSignal): Promise<VodUploadResult> {
    for (;;) {
      try {
        return await this.runOnce(signal);
      } catch (error) {
        if (this.isOthersCheckpoint(error, signal)) {
          this.ctx.warn({
            code: 'checkpoint_not_yours',
            message: `The saved progress of ${this.ctx.file.name} belongs to another sign-in; uploading it anew.`,
          });
          // Not aborted: it is the other user's upload, still resumable by them.
          await this.forget({ abortRemote: false });
          continue;
        }
        if (!this.shouldRestart(error, signal)) throw error;
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
    // A cancel while opening must abort the multipart upload a checkpoint resumes, not miss it.
    await this.opening?.catch(() => undefined);
    const aborted = (await this.current?.transfer.abortRemote()) ?? true;
    await this.checkpoint.clear();
    return aborted;
  }

  private async runOnce(signal: AbortSignal): Promise<VodUploadResult> {
    const { session, transfer } = this.current ?? (await this.openOnce(signal));
    this.checkLifetime(session.credentialExpiresAt);
    const watch = setInterval(() => this.checkLifetime(session.credentialExpiresAt), 1000);
    await transfer.run(signal).finally(() => clearInterval(watch));
    const cover = coverOf(this.ctx.file.meta);
    if (cover && session.uploadCover && !this.coverDone) {
      await session.uploadCover(cover, signal);
      this.coverDone = true;
    }
    const result = await session.finish(signal);
    await this.checkpoint.clear();
    return transfer.checksum ? { ...result, checksum: transfer.checksum } : result;
  }

  private openOnce(signal: AbortSignal): Promise<Current<TTarget>> {
    this.opening ??= this.open(signal).finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Continues the saved checkpoint when the driver can, else applies for a new upload. */
  private async open(signal: AbortSignal): Promise<Current<TTarget>> {
    const { ctx, driver } = this;
    // A new application after a dropped checkpoint (expired, another's) plans its parts afresh.
    ctx.partSize = this.plannedPartSize;
    // A single PUT leaves no checkpoint (nothing of it can be continued): no IndexedDB read before it.
    const saved = ctx.partSize >= ctx.data.size ? undefined : await this.checkpoint.load();
    // A checkpoint without a ticket (older than tickets) could be neither signed nor finished.
    const usable = saved?.ticket && saved.partSize < ctx.data.size ? saved : undefined;
    if (usable && usable.partSize !== ctx.partSize) {
      // Its stored parts line up only with its own part size (and the endpoint signed that one), so
      // it wins over what the plugin or the policy would pick for a new upload now.
      ctx.partSize = planTransfer(ctx.data.size, {
        provider: driver.provider,
        resumedPartSize: usable.partSize,
      }).partSize;
    }
    const resumed = usable?.ticket ? driver.resume(ctx, usable.target, usable.ticket) : undefined;
    this.resumedCheckpoint = resumed !== undefined;
    if (resumed && usable && driver.checksOwnerOnResume) {
      // Another caller's ticket is refused here (`forbidden`), before its credential sends a byte.
      // An older endpoint without the route answers 404: the finish refuses it then, as before.
      await ctx.client.postIfRouted(ENDPOINT_ROUTES.sessionCheck, { ticket: usable.ticket }, signal);
    }
    const session = resumed ?? (await driver.apply(ctx, signal));
    const resume = resumed && usable ? { uploadId: usable.uploadId, parts: usable.doneParts } : undefined;
    const transfer = new BlobTransfer({
      ...this.transferOptions(),
      blob: ctx.data,
      partSize: ctx.partSize,
      protocol: session.media,
      progress: ctx.progress,
      resume,
      onUploadId: () => this.recordCheckpoint(),
      onPartStored: (parts) => this.checkpoint.save(parts),
    });
    this.current = { session, transfer };
    this.coverDone = false;
    if (resume) void this.recordCheckpoint();
    return this.current;
  }

  /** Writes the checkpoint of the current session anew: its target, ticket, upload id and stored parts. */
  private recordCheckpoint(): Promise<void> {
    if (!this.current) return Promise.resolve();
    const { session, transfer } = this.current;
    this.checkpoint.begin({
      target: session.target,
      partSize: this.ctx.partSize,
      credentialExpiresAt: session.credentialExpiresAt,
      ...(session.ticket ? { ticket: session.ticket } : {}),
    });
    if (!transfer.uploadId) return Promise.resolve();
    return this.checkpoint.saveUploadId(transfer.uploadId, transfer.storedParts());
  }

  private credentialRefreshed(reapplied: boolean): void {
    void this.recordCheckpoint();
    const { name } = this.ctx.file;
    this.ctx.warn({
      code: 'credential_refreshed',
      message: reapplied
        ? `The upload credential of ${name} expired; a new one was applied for.`
        : `The upload credential of ${name} was renewed; the upload continues.`,
    });
  }

  private shouldRestart(error: unknown, signal: AbortSignal): boolean {
    return (
      this.driver.onExpiry === 'restart' &&
      isVodUploadError(error) &&
      error.code === 'credential_expired' &&
      this.restarts < MAX_RESTARTS &&
      !signal.aborted
    );
  }

  /**
   * A resumed session the endpoint refuses to check or finish for this caller (its ticket names
   * another, e.g. a checkpoint left on a shared browser by another sign-in): once per file, it is
   * dropped and the file applied for anew.
   */
  private isOthersCheckpoint(error: unknown, signal: AbortSignal): boolean {
    if (!this.resumedCheckpoint || this.droppedOthers || signal.aborted) return false;
    const others = isVodUploadError(error) && error.code === 'forbidden' && error.field === 'ticket';
    if (others) this.droppedOthers = true;
    return others;
  }

  /** Drops the current application (its credential expired, or it was not ours): forget it, aborting it first unless told not to. */
  private async forget(options: { abortRemote?: boolean } = {}): Promise<void> {
    if (options.abortRemote !== false) await this.current?.transfer.abortRemote().catch(() => false);
    await this.checkpoint.clear();
    this.current = undefined;
    this.warnedLifetime = false;
  }

  /** Stores a small second object (a cover) in one PUT; its bytes count in no progress bar. */
  private sendBlob(blob: Blob, protocol: MultipartProtocol, signal: AbortSignal): Promise<void> {
    const { env } = this.ctx.settings;
    return new BlobTransfer({
      ...this.transferOptions(),
      blob,
      partSize: Math.max(blob.size, this.ctx.partSize),
      protocol,
      progress: new ProgressReporter(blob.size, () => {}, env),
    }).run(signal);
  }

  private transferOptions(): Pick<
    BlobTransferOptions,
    'concurrency' | 'retry' | 'env' | 'verify' | 'integrity'
  > {
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
  private checkLifetime(expiresAt: number | undefined): void {
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
}
