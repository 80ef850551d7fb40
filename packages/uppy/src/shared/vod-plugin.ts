import { BasePlugin, type Body, EventManager, type Meta, type Uppy, type UppyFile } from '@uppy/core';
import { filterFilesToEmitUploadStarted, filterFilesToUpload } from '@uppy/core/utils';
import { isVodUploadError, type ProviderKey, SINGLE_PUT_MAX, vodError } from '@vod-uploader/core';
import {
  MULTIPART_FILES_AT_ONCE,
  VOD_PLUGIN_DEFAULTS,
  type VodPluginOptions,
} from '../vod-plugin-options.js';
import { defaultCheckpointStore } from './default-checkpoint-store.js';
import { EndpointClient } from './endpoint-client.js';
import { browserEnvironment } from './environment.js';
import type { FileUploader, UploaderContext, UploaderSettings } from './file-uploader.js';
import { lazyUploader } from './lazy-uploader.js';
import { limitConcurrency } from './limit-concurrency.js';
import { ProgressReporter } from './progress-reporter.js';
import { resolveRetry } from './retry-options.js';
import type { UploadDriver } from './upload-driver.js';
import type { VodWarning } from './vod-events.js';
import { whenIdle } from './when-idle.js';
import './vod-events.js';

/** The smallest part any store takes (COS; S3's 5 MiB and OSS's 100 KiB aside): a smaller `partSize` is raised to it. */
const MiB = 1024 * 1024;

type Opts<O extends VodPluginOptions> = O &
  Required<Pick<VodPluginOptions, keyof typeof VOD_PLUGIN_DEFAULTS>>;

/**
 * The Uppy lifecycle shared by the three VOD uploader plugins: registers the uploader, runs files with
 * a concurrency limit, and turns Uppy's pause/resume/cancel/remove/retry events into calls on one
 * {@link FileUploader} per file. Each provider's plugin only says how to build that uploader.
 */
export abstract class VodPlugin<
  O extends VodPluginOptions,
  M extends Meta,
  B extends Body,
> extends BasePlugin<Opts<O>, M, B> {
  /** The provider key, also used in error `provider` fields. */
  protected abstract readonly provider: ProviderKey;
  /**
   * Loads the provider's driver and its SDK, lazy chunks of the provider's folder; each provider
   * implements it with its own `load*` function, so this shared base imports no provider folder.
   */
  protected abstract loadDriver(): Promise<UploadDriver>;

  private client: EndpointClient | undefined;
  /** Runs at most `limit` files at once (read per file, so `setOptions` applies to later files). */
  private readonly queue = limitConcurrency(() => this.opts.limit);
  /** Uploaders of failed files, kept so a retry continues from their stored parts. */
  private readonly retained = new Map<string, FileUploader>();
  private lastSpeed = 0;
  private cancelPreload: (() => void) | undefined;

  constructor(uppy: Uppy<M, B>, opts: O, defaultId: string) {
    super(uppy, { ...VOD_PLUGIN_DEFAULTS, ...opts } as Opts<O>);
    this.type = 'uploader';
    this.id = this.opts.id ?? defaultId;
    if (typeof this.opts.endpoint !== 'string' || this.opts.endpoint === '') {
      throw vodError(
        'config_invalid',
        `${this.id}: the \`endpoint\` option (base URL of the credential endpoint) is required.`,
      );
    }
  }

  override install(): void {
    const { capabilities } = this.uppy.getState();
    this.uppy.setState({ capabilities: { ...capabilities, resumableUploads: true } });
    this.uppy.addUploader(this.upload);
    this.uppy.on('file-removed', this.forgetRemoved);
    if (this.opts.preloadSdk) {
      // A failed preload is not an error: the first upload loads the SDK again and reports that failure.
      this.cancelPreload = whenIdle(() => void this.preload().catch(() => {}), 3000);
    }
  }

  override uninstall(): void {
    this.cancelPreload?.();
    this.uppy.removeUploader(this.upload);
    this.uppy.off('file-removed', this.forgetRemoved);
  }

  /** Builds the uploader of one file: the shared engine and the provider's driver, both loaded on first use. */
  protected createUploader(context: UploaderContext): FileUploader {
    return lazyUploader(async () => {
      const [{ FileUpload }, driver] = await Promise.all([
        import('./file-upload.js'),
        this.loadDriver(),
      ]).catch((error: unknown) => {
        // A chunk that did not load (offline, a deploy replaced it): Retry fetches it again.
        if (isVodUploadError(error)) throw error;
        throw vodError('network', 'The upload code could not be loaded; check the connection and retry.', {
          provider: this.provider,
          cause: error,
        });
      });
      return new FileUpload(context, driver);
    });
  }

  /**
   * Loads what the first upload needs (the engine, the driver, the SDK, the checksum worker); runs at
   * idle after install.
   */
  protected async preload(): Promise<void> {
    await Promise.all([import('./preload-engine.js').then((m) => m.preloadEngine()), this.loadDriver()]);
  }

  /** A failed file that is removed (not retried) still has a multipart upload on the bucket: abort it. */
  private forgetRemoved = (file: UppyFile<M, B>): void => {
    const uploader = this.retained.get(file.id);
    if (!uploader) return;
    this.retained.delete(file.id);
    void cancelUploader(uploader).then((abortedOnBucket) =>
      this.uppy.emit('vod:cancelled', file.id, { abortedOnBucket }),
    );
  };

  /** Settings with defaults filled in. */
  protected settings(): UploaderSettings {
    const { opts } = this;
    return {
      endpoint: opts.endpoint,
      partSize: opts.partSize,
      concurrency: opts.concurrency,
      retry: resolveRetry(opts.retry),
      env: opts.environment ?? browserEnvironment,
      checkpoints: opts.resume === false ? undefined : (opts.checkpointStore ?? defaultCheckpointStore()),
      ...(opts.checkpointScope === undefined ? {} : { checkpointScope: opts.checkpointScope }),
      verifyIntegrity: opts.verifyIntegrity !== false,
    };
  }

  /** The endpoint client, made on first use (so nothing runs at construction or import). */
  protected endpointClient(): EndpointClient {
    const settings = this.settings();
    this.client ??= new EndpointClient({
      endpoint: settings.endpoint,
      headers: this.opts.headers,
      provider: this.provider,
      retry: settings.retry,
      env: settings.env,
      fetch: this.opts.fetch,
    });
    return this.client;
  }

  private upload = async (fileIDs: string[]): Promise<void> => {
    if (fileIDs.length === 0) return;
    const files = filterFilesToUpload(this.uppy.getFilesByIds(fileIDs));
    this.uppy.emit('upload-start', filterFilesToEmitUploadStarted(files));
    await Promise.all(files.map((file) => this.queued(file)));
  };

  /**
   * Runs one file when its slots are free, in the order the files came. A file sent in one request
   * takes one of `limit` slots; a file sent in parts takes `limit / MULTIPART_FILES_AT_ONCE` of them,
   * as it keeps several parts in flight: by default six small files at once, or two large ones, or
   * one and three small.
   */
  private queued(file: UppyFile<M, B>): Promise<void> {
    const size = file.data instanceof Blob ? file.data.size : 0;
    // The policy's line (planTransfer), read without the policy: it loads with the engine, when a
    // file starts. A file too large for the cloud is refused by its own upload.
    const inParts = size > Math.max(this.opts.partSize ?? SINGLE_PUT_MAX[this.provider], MiB);
    const weight = inParts ? Math.ceil(this.opts.limit / MULTIPART_FILES_AT_ONCE) : 1;
    return this.uploadFile(file.id, weight);
  }

  /**
   * Uploads one file; always resolves (failures are reported through `upload-error`). Each attempt
   * holds the file's queue slots (`weight`) only while it runs: a paused file gives them back, so
   * the files behind it start, and queues again when resumed (as Uppy's own uploaders do).
   */
  private uploadFile(fileID: string, weight: number): Promise<void> {
    const initial = this.uppy.getFile(fileID);
    if (!initial || initial.isRemote || !(initial.data instanceof Blob)) {
      if (initial) {
        this.uppy.emit(
          'upload-error',
          initial,
          vodError('file_invalid', 'Only local files can be uploaded to VOD.', { provider: this.provider }),
        );
      }
      return Promise.resolve();
    }
    const data = initial.data;
    if (data.size === 0) {
      // A cloud would store an empty media (or refuse it late); say so before anything is created.
      this.uppy.emit(
        'upload-error',
        initial,
        vodError('file_invalid', `${initial.name ?? 'The file'} is empty (0 bytes).`, {
          provider: this.provider,
          retryable: false,
        }),
      );
      return Promise.resolve();
    }
    // The uploader (and its progress) is made when the first attempt gets its slots, not while the
    // file waits in the queue.
    let uploader: FileUploader | undefined;
    const uploaderNow = (): FileUploader => {
      uploader ??= this.retained.get(fileID) ?? this.newUploader(fileID, initial, data);
      this.retained.delete(fileID);
      return uploader;
    };

    return new Promise<void>((resolve) => {
      const events = new EventManager(this.uppy);
      let controller = new AbortController();
      let paused = initial.isPaused === true;
      let settled = false;
      const settle = () => {
        settled = true;
        controller.abort();
        events.remove();
        resolve();
      };
      // Attempts run one after another: a resume right after a pause waits for the paused attempt
      // to stop, so two attempts never send the same parts.
      let attempts: Promise<void> = Promise.resolve();
      const attempt = () => {
        attempts = attempts.then(() => this.queue(runAttempt, weight));
      };
      const runAttempt = async () => {
        if (paused || settled) return;
        controller = new AbortController();
        const { signal } = controller;
        try {
          const result = await uploaderNow().run(signal);
          if (settled) return;
          const file = this.uppy.getFile(fileID);
          settle();
          this.uppy.emit('vod:uploaded', file, result);
          // Uppy's own `response.body` too, for apps on Uppy alone (documented; their `B` is a type
          // parameter no value can satisfy, hence the one cast). Our front ends read `vod:uploaded`.
          const body = result as unknown as B;
          this.uppy.emit('upload-success', file, { status: 200, body, uploadURL: result.url });
        } catch (error) {
          if (settled || signal.aborted) return;
          const file = this.uppy.getFile(fileID);
          this.retained.set(fileID, uploaderNow());
          settle();
          const reported = isVodUploadError(error)
            ? error
            : vodError('internal', `The upload failed: ${String(error)}`, {
                provider: this.provider,
                cause: error,
              });
          this.uppy.emit('upload-error', file, reported);
        }
      };
      const pause = () => {
        paused = true;
        controller.abort();
      };
      const resume = () => {
        if (!paused) return;
        paused = false;
        attempt();
      };
      const cancel = () => {
        if (settled) return;
        settle();
        // A file removed while it waited in the queue never started: nothing to abort.
        if (!uploader) return;
        void cancelUploader(uploader).then((abortedOnBucket) =>
          this.uppy.emit('vod:cancelled', fileID, { abortedOnBucket }),
        );
      };
      events.onFilePause(fileID, (isPaused) => (isPaused ? pause() : resume()));
      events.onPauseAll(fileID, pause);
      events.onResumeAll(fileID, resume);
      events.onFileRemove(fileID, cancel);
      events.onCancelAll(fileID, cancel);
      attempt();
    });
  }

  /** A file's uploader, reporting its progress and warnings through Uppy's events. */
  private newUploader(fileID: string, initial: UppyFile<M, B>, data: Blob): FileUploader {
    const settings = this.settings();
    const uploadStarted = initial.progress.uploadStarted ?? Date.now();
    const progress = new ProgressReporter(
      data.size,
      (p) => {
        const file = this.uppy.getFile(fileID);
        if (!file) return;
        this.uppy.emit('upload-progress', file, {
          uploadStarted,
          bytesUploaded: p.bytesUploaded,
          bytesTotal: p.bytesTotal,
        });
        this.uppy.emit('vod:progress', file, p);
        if (p.speed > 0) this.lastSpeed = p.speed;
      },
      settings.env,
    );
    return this.createUploader({
      file: initial,
      data,
      client: this.endpointClient(),
      settings,
      progress,
      warn: (warning) => this.warn(fileID, warning),
      partResent: (partNumber, resends) =>
        this.uppy.emit('vod:part-resent', this.uppy.getFile(fileID), { partNumber, resends }),
      measuredSpeed: () => this.lastSpeed,
    });
  }

  private warn(fileID: string, warning: VodWarning): void {
    this.uppy.emit('vod:warning', this.uppy.getFile(fileID), warning);
    this.uppy.info(warning.message, 'warning', 8000);
  }
}

/**
 * Cancels an uploader, answering whether the bucket's upload was aborted. A cancel that cannot even
 * start (the upload code failed to load, or the file was refused before anything was created) has
 * aborted nothing: false, never an unhandled rejection.
 */
function cancelUploader(uploader: FileUploader): Promise<boolean> {
  return uploader.cancel().catch(() => false);
}
