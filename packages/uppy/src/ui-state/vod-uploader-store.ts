import {
  developerDetailOf,
  isVodUploadError,
  ProgressMeter,
  type VodUploadError,
  type VodUploadResult,
  vodError,
} from '@vod-uploader/core';
import '../media-status/media-status-events.js';
import { describeError, markForPeople } from './describe-error.js';
import {
  describeProcessingFailure,
  nextProcessingState,
  type VodProcessingEvent,
  type VodProcessingState,
} from './processing-state.js';
import type { VodMessages } from './vod-messages.js';
import type { VodUppy, VodUppyFile } from './vod-uppy.js';

/**
 * Where one file is in its journey. `finishing`: every byte is stored, the cloud has not yet said
 * the media's id (Tencent's CommitUpload, a multipart upload being completed).
 */
export type VodFileStatus = 'pending' | 'uploading' | 'paused' | 'finishing' | 'done' | 'error';

/**
 * Where the batch is, for the status bar: `waiting` (files chosen, nothing running), `uploading`,
 * `paused`, `finishing` (all bytes stored, ids not all known), `complete` (every id known), `error`
 * (something failed and nothing runs).
 */
export type VodUploadPhase = 'idle' | 'waiting' | 'uploading' | 'paused' | 'finishing' | 'complete' | 'error';

/** One file as the UI sees it. */
export interface VodFileSnapshot {
  id: string;
  name: string;
  size: number | null;
  type: string;
  status: VodFileStatus;
  /** 0–100: `bytesUploaded` over the size, rounded down (100 only once every byte is stored). */
  progress: number;
  /** Bytes stored plus bytes in flight, as the engine reports them (see the README's "Progress"). */
  bytesUploaded: number;
  /** The poster frame (object URL) once the browser has read it. */
  previewUrl: string | undefined;
  /** Seconds, once the browser has read it. */
  duration: number | undefined;
  cover: Blob | undefined;
  result: VodUploadResult | undefined;
  error: VodUploadError | undefined;
  /**
   * After the upload, where the cloud's processing stands (only when the media is followed, see
   * `attachMediaStatus`); the file's `status` stays `done`: the upload itself is over.
   */
  processing: VodProcessingState | undefined;
}

/** Everything a UI needs to draw the uploader; a new object whenever anything changed. */
export interface VodUploaderSnapshot {
  files: VodFileSnapshot[];
  /**
   * 0–100 over the files whose upload started: `bytesUploaded` over `bytesTotal`, rounded down. The
   * one number the bar, the percentage, the byte counts and the milestone announcements all show.
   */
  progress: number;
  bytesUploaded: number;
  bytesTotal: number;
  /**
   * Seconds left at the speed smoothed over a few seconds (EWMA); `undefined` when unknown (no speed
   * yet, paused, nothing left to send). Never 0 while bytes remain.
   */
  etaSeconds: number | undefined;
  phase: VodUploadPhase;
  isUploading: boolean;
  /** Some uploaded file's media is still being processed by the cloud. */
  isProcessing: boolean;
  /** Results of the finished files, in the order they were added. */
  results: VodUploadResult[];
  /** Per-file errors, then refusals that concern no stored file (too long, wrong type). */
  errors: VodUploadError[];
  /** Things the person should know that do not fail the upload (the engine's `vod:warning`s), localized. */
  notices: string[];
  /** The latest milestone sentence for screen readers (started, 25/50/75 %, done, failed). */
  announcement: string;
}

const MILESTONES = [25, 50, 75];

/** Bytes of one file as the engine last reported them. */
interface FileBytes {
  uploaded: number;
  total: number;
}

/**
 * A framework-free view of an Uppy instance: it keeps the typed results and errors the engine reports
 * (`vod:uploaded`, `upload-error`; Uppy's state keeps only an error's message), derives milestone announcements, and hands out immutable snapshots for
 * `useSyncExternalStore`.
 */
export class VodUploaderStore {
  private readonly fileErrors = new Map<string, VodUploadError>();
  private readonly results = new Map<string, VodUploadResult>();
  private readonly processing = new Map<string, VodProcessingState>();
  /**
   * Bytes per file from the engine's `vod:progress`. Not Uppy's `file.progress`: Uppy stops taking a
   * file's progress once its rounded percentage reads 100, so its count freezes short of the last bytes.
   */
  private readonly bytes = new Map<string, FileBytes>();
  /**
   * Per file, its bytes at its first report since it started, resumed or was retried: what the bucket
   * already held (a checkpoint, parts stored before a pause), which is not traffic. The speed counts
   * only bytes above it; the bar and the percentage still count every byte.
   */
  private readonly baselines = new Map<string, number>();
  /** Files of the running upload that have not started yet (waiting for a poster or a slot). */
  private queued = new Set<string>();
  /** Fed the batch's bytes sent since each file's baseline, for the speed only. */
  private meter: ProgressMeter | undefined;
  private etaSeconds: number | undefined;
  private refusals: VodUploadError[] = [];
  /** Why the uploader could not be set up: kept until dismissed, whatever the batches do. */
  private setupRefusal: VodUploadError | undefined;
  private notices: string[] = [];
  private announcement = '';
  private announced = 0;
  private listeners = new Set<() => void>();
  private snapshot: VodUploaderSnapshot | undefined;
  private snapshotOf: unknown;

  constructor(
    readonly uppy: VodUppy,
    private readonly messages: () => VodMessages,
    /** A monotonic clock in ms, for the speed behind the time left. */
    private readonly now: () => number = () => performance.now(),
  ) {
    uppy.on('upload', (_id, files) => {
      this.announced = 0;
      this.refusals = [];
      this.notices = [];
      this.queued = new Set(files.map((f) => f.id));
      this.restartMeter();
      this.announce(this.messages().uploadStarted(files.length));
    });
    uppy.on('upload-start', (files) => {
      for (const file of files) this.queued.delete(file.id);
      this.changed();
    });
    uppy.on('vod:progress', (file, progress) => {
      if (!file) return;
      this.queued.delete(file.id);
      this.record(
        file.id,
        { uploaded: progress.bytesUploaded, total: progress.bytesTotal },
        progress.bytesResumed,
      );
      this.measure();
    });
    uppy.on('vod:uploaded', (file, result) => {
      if (file) this.results.set(file.id, result);
    });
    uppy.on('upload-success', (file) => {
      if (!file) return;
      const total = file.size ?? this.bytes.get(file.id)?.total ?? 0;
      this.record(file.id, { uploaded: total, total });
      this.measure();
    });
    // A resumed file reports at once what was stored before, and the paused time is no measure of the
    // link: the speed starts over, as it does for a new upload.
    uppy.on('upload-pause', (file, isPaused) => {
      if (file && !isPaused) this.restartMeter([file]);
    });
    uppy.on('resume-all', () => this.restartMeter());
    uppy.on('complete', (result) => {
      this.queued.clear();
      const done = result.successful?.length ?? 0;
      // One sentence: a second one right after would replace this one before a screen reader says it.
      const processing = [...this.processing.values()].filter((p) => p.state === 'processing').length;
      const then = processing > 0 ? ` ${this.messages().processing.announceStarted(processing)}` : '';
      // A file's Retry reports only that file: any other file still failed keeps it from being "complete".
      const failed = result.failed?.length || uppy.getFiles().some((file) => file.error);
      if (done > 0 && !failed) this.announce(`${this.messages().uploadDone(done)}${then}`);
      else this.changed();
    });
    uppy.on('upload-error', (file, error) => {
      const typed = toVodError(error);
      const words = describeError(typed, this.messages());
      if (file) {
        this.fileErrors.set(file.id, typed);
        this.queued.delete(file.id);
      } else this.refusals = [...this.refusals, typed];
      // For the developer, once per failure: the codes, field and request id the sentence leaves out.
      console.error(`[vod-uploader] ${developerDetailOf(typed)}`, typed);
      // The Dashboard shows the file's `error` string: make it the sentence for people, not the developer's.
      if (file && uppy.getFile(file.id)) uppy.setFileState(file.id, { error: words });
      this.announce(this.messages().uploadFailed(words));
    });
    uppy.on('restriction-failed', (_file, error) => {
      const typed = toRefusal(error);
      this.refusals = [...this.refusals, typed];
      this.announce(describeError(typed, this.messages()));
    });
    uppy.on('error', (error) => {
      // Uppy reports per-file failures here too; only a failure of the whole batch is new information.
      if (uppy.getFiles().some((f) => f.error)) return;
      this.refusals = [...this.refusals, toVodError(error)];
      this.changed();
    });
    uppy.on('vod:warning', (file, warning) => {
      const sentence = this.messages().warnings[warning.code] ?? warning.message;
      const notice = file?.name ? `${file.name}: ${sentence}` : sentence;
      if (this.notices.includes(notice)) return;
      this.notices = [...this.notices, notice];
      this.announce(notice);
    });
    uppy.on('vod:media-status', (file, status) => {
      const provider = file && this.results.get(file.id)?.provider;
      if (file && provider) this.process(file, { status, provider });
    });
    uppy.on('vod:media-error', (file, error) => {
      if (file) this.process(file, { error });
    });
    uppy.on('upload-retry', (file) => {
      this.restartMeter([file]);
      this.forget(file.id);
    });
    uppy.on('retry-all', (files) => {
      this.restartMeter(files);
      for (const file of files) this.fileErrors.delete(file.id);
      this.changed();
    });
    uppy.on('file-removed', (file) => {
      this.bytes.delete(file.id);
      this.baselines.delete(file.id);
      this.results.delete(file.id);
      this.processing.delete(file.id);
      this.queued.delete(file.id);
      this.forget(file.id);
    });
    uppy.on('cancel-all', () => {
      this.fileErrors.clear();
      this.results.clear();
      this.processing.clear();
      this.bytes.clear();
      this.baselines.clear();
      this.queued.clear();
      this.refusals = [];
      this.changed();
    });
  }

  /** For `useSyncExternalStore`. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    const unsubscribe = this.uppy.store.subscribe(listener);
    return () => {
      this.listeners.delete(listener);
      unsubscribe();
    };
  };

  /** For `useSyncExternalStore`: the same object until something changes. */
  getSnapshot = (): VodUploaderSnapshot => {
    const state = this.uppy.getState();
    if (this.snapshot && this.snapshotOf === state) return this.snapshot;
    const uppyFiles = Object.values(state.files);
    const files = uppyFiles.map((file) => this.fileSnapshot(file));
    const { uploaded, total } = this.batchBytes();
    const phase = phaseOf(files, this.queued);
    this.snapshotOf = state;
    this.snapshot = {
      files,
      progress: phase === 'complete' ? 100 : percentOf(uploaded, total),
      bytesUploaded: uploaded,
      bytesTotal: total,
      etaSeconds: phase === 'uploading' && uploaded < total ? this.etaSeconds : undefined,
      phase,
      isUploading: files.some((f) => f.status === 'uploading' || f.status === 'finishing'),
      isProcessing: files.some((f) => f.processing?.state === 'processing'),
      results: files.flatMap((f) => (f.result ? [f.result] : [])),
      errors: this.errorsOf(files),
      notices: this.notices,
      announcement: this.announcement,
    };
    return this.snapshot;
  };

  /**
   * Records why the uploader could not be set up (a bad provider or option). It stays until dismissed:
   * a new batch or a cancel-all (React's StrictMode runs one at its trial unmount) does not clear it.
   */
  refuse(error: VodUploadError): void {
    console.error(`[vod-uploader] ${developerDetailOf(error)}`, error);
    this.setupRefusal = error;
    this.changed();
  }

  /** Forgets refusals that concern no file (the user dismissed them). */
  dismissRefusals(): void {
    this.refusals = [];
    this.setupRefusal = undefined;
    this.changed();
  }

  /** Per-file errors, then why the uploader is not set up (unless a file already says it), then refusals. */
  private errorsOf(files: VodFileSnapshot[]): VodUploadError[] {
    const ofFiles = files.flatMap((f) => (f.error ? [f.error] : []));
    const setup = this.setupRefusal && !ofFiles.includes(this.setupRefusal) ? [this.setupRefusal] : [];
    return [...ofFiles, ...setup, ...this.refusals];
  }

  private fileSnapshot(file: VodUppyFile): VodFileSnapshot {
    const result = this.results.get(file.id);
    const error = file.error ? (this.fileErrors.get(file.id) ?? vodError('internal', file.error)) : undefined;
    const started = Boolean(file.progress.uploadStarted);
    const bytes = this.bytesOf(file);
    let status: VodFileStatus = 'pending';
    if (error) status = 'error';
    else if (file.progress.uploadComplete || result) status = 'done';
    else if (file.isPaused) status = 'paused';
    else if (started && bytes.total > 0 && bytes.uploaded >= bytes.total) status = 'finishing';
    else if (started) status = 'uploading';
    return {
      id: file.id,
      name: file.name ?? '',
      size: file.size,
      type: file.type,
      status,
      progress: status === 'done' ? 100 : percentOf(bytes.uploaded, bytes.total),
      bytesUploaded: bytes.uploaded,
      previewUrl: file.preview,
      duration: file.meta.duration,
      cover: file.meta.cover,
      result,
      error,
      processing: this.processing.get(file.id),
    };
  }

  /**
   * A file's processing moved: keep the new state; announce a ready and a failure once (the start
   * is said with "Upload complete.", which follows at once).
   */
  private process(file: VodUppyFile, event: VodProcessingEvent): void {
    const before = this.processing.get(file.id);
    const after = nextProcessingState(before, event);
    if (!after || after === before) return;
    this.processing.set(file.id, after);
    const messages = this.messages().processing;
    const name = file.name ?? '';
    if (after.state === 'processing') this.changed();
    else if (after.state === 'ready') this.announce(messages.announceReady(name));
    else {
      console.error(`[vod-uploader] ${developerDetailOf(after.error)}`, after.error);
      this.announce(messages.announceFailed(name, describeProcessingFailure(after.error, this.messages())));
    }
  }

  /** The engine's count for a file, else Uppy's (a foreign uploader), else nothing yet. */
  private bytesOf(file: VodUppyFile): FileBytes {
    const reported = this.bytes.get(file.id);
    if (reported) return reported;
    const total = file.size ?? file.progress.bytesTotal ?? 0;
    const uploaded = file.progress.uploadComplete ? total : file.progress.bytesUploaded || 0;
    return { uploaded, total };
  }

  /** Bytes over the files of the upload: started (finished ones included, as Uppy counts a batch) or queued. */
  private batchBytes(): FileBytes {
    let uploaded = 0;
    let total = 0;
    for (const file of this.uppy.getFiles()) {
      if (!file.progress.uploadStarted && !this.bytes.has(file.id) && !this.queued.has(file.id)) continue;
      const bytes = this.bytesOf(file);
      uploaded += bytes.uploaded;
      total += bytes.total;
    }
    return { uploaded, total };
  }

  /**
   * The speed starts over. `files` (all when not given) start a new attempt: their next report is
   * their baseline.
   */
  private restartMeter(files?: readonly VodUppyFile[]): void {
    if (files) for (const file of files) this.baselines.delete(file.id);
    else this.baselines.clear();
    this.meter = undefined;
    this.etaSeconds = undefined;
  }

  /**
   * Keeps a file's reported bytes and, on its first report of the attempt, its baseline: what the
   * engine says the attempt resumed with (`bytesResumed`). Without it (another uploader's reports),
   * a first report above 0 is taken as stored, except one of every byte (a small file sent within
   * one beat). A count that goes down (the upload started over) re-baselines: its bytes are traffic.
   */
  private record(fileId: string, bytes: FileBytes, resumed?: number): void {
    this.bytes.set(fileId, bytes);
    const baseline = this.baselines.get(fileId);
    // The engine says, in every report, what its attempt resumed with: exact, a fresh upload's first
    // bytes included (a report before ListParts answered says 0, the next the stored bytes).
    if (resumed !== undefined) this.baselines.set(fileId, resumed);
    else if (baseline === undefined && bytes.uploaded > 0) {
      this.baselines.set(fileId, bytes.uploaded >= bytes.total ? 0 : bytes.uploaded);
    } else if (baseline !== undefined && bytes.uploaded < baseline) {
      this.baselines.set(fileId, bytes.uploaded);
    }
  }

  /** Bytes the files of the batch sent since their baselines: the traffic the speed is made of. */
  private sentBytes(): number {
    let sent = 0;
    for (const [fileId, baseline] of this.baselines) {
      sent += Math.max(0, (this.bytes.get(fileId)?.uploaded ?? baseline) - baseline);
    }
    return sent;
  }

  /** New bytes arrived: update the smoothed speed and announce a milestone the bar now shows. */
  private measure(): void {
    const { uploaded, total } = this.batchBytes();
    const sent = this.sentBytes();
    // From the first baseline on, so a first burst of this attempt's bytes counts; the quiet time
    // before it (a create, a sign) damps it, as a burst into socket buffers is not the link's speed.
    if (this.baselines.size > 0) this.meter ??= new ProgressMeter();
    const speed = this.meter?.update(sent, this.now()).speed ?? 0;
    this.etaSeconds = uploaded < total && speed > 0 ? (total - uploaded) / speed : undefined;
    const percent = percentOf(uploaded, total);
    const next = MILESTONES.filter((m) => m <= percent && m > this.announced).pop();
    if (next !== undefined && percent < 100) {
      this.announced = next;
      this.announce(this.messages().uploadProgress(next));
      return;
    }
    this.changed();
  }

  private forget(fileId: string): void {
    if (this.fileErrors.delete(fileId)) this.changed();
  }

  private announce(sentence: string): void {
    this.announcement = sentence;
    this.changed();
  }

  /** Our own fields changed without an Uppy state change: drop the cached snapshot and notify. */
  private changed(): void {
    this.snapshotOf = undefined;
    for (const listener of this.listeners) listener();
  }
}

/** `uploaded` over `total` in whole percent, rounded down: 100 means every byte is stored. */
function percentOf(uploaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((uploaded * 100) / total));
}

function phaseOf(files: VodFileSnapshot[], queued: ReadonlySet<string>): VodUploadPhase {
  if (files.length === 0) return 'idle';
  const has = (status: VodFileStatus) => files.some((f) => f.status === status);
  if (has('uploading') || files.some((f) => f.status === 'pending' && queued.has(f.id))) return 'uploading';
  if (has('finishing')) return 'finishing';
  if (has('paused')) return 'paused';
  if (has('error')) return 'error';
  if (has('pending')) return 'waiting';
  return 'complete';
}

const refusals = new WeakMap<object, VodUploadError>();

/**
 * A `restriction-failed` error (Uppy's own, for a size, type or count over the restrictions) as our
 * typed `file_invalid`; the same object every time it is asked for, so the app's `onError` gets
 * the refusal the uploader shows.
 */
export function toRefusal(error: unknown): VodUploadError {
  if (isVodUploadError(error)) return error;
  if (typeof error !== 'object' || error === null) return toVodError(error);
  let typed = refusals.get(error);
  if (!typed) {
    const message = String((error as { message?: unknown }).message ?? error);
    typed = markForPeople(vodError('file_invalid', message, { cause: error }));
    refusals.set(error, typed);
  }
  return typed;
}

/** The engine emits `VodUploadError`s; anything else (a bug, a foreign plugin) becomes `internal`. */
export function toVodError(error: unknown): VodUploadError {
  if (isVodUploadError(error)) return error;
  const message =
    error instanceof Error || (typeof error === 'object' && error && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return vodError('internal', message, { cause: error });
}
