import { isVodUploadError, type VodUploadError, type VodUploadResult, vodError } from '@vod-uploader/core';
import { describeError, markForPeople } from './describe-error.js';
import type { VodMessages } from './vod-messages.js';
import { resultOf, type VodUppy, type VodUppyFile } from './vod-uppy.js';

/** Where one file is in its journey. */
export type VodFileStatus = 'pending' | 'uploading' | 'paused' | 'done' | 'error';

/** One file as the UI sees it. */
export interface VodFileSnapshot {
  id: string;
  name: string;
  size: number | null;
  type: string;
  status: VodFileStatus;
  /** 0–100. */
  progress: number;
  /** The poster frame (object URL) once the browser has read it. */
  previewUrl: string | undefined;
  /** Seconds, once the browser has read it. */
  duration: number | undefined;
  cover: Blob | undefined;
  result: VodUploadResult | undefined;
  error: VodUploadError | undefined;
}

/** Everything a UI needs to draw the uploader; a new object whenever anything changed. */
export interface VodUploaderSnapshot {
  files: VodFileSnapshot[];
  /** 0–100 over the current batch. */
  progress: number;
  isUploading: boolean;
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

/**
 * A framework-free view of an Uppy instance: it keeps the typed errors Uppy's state drops (Uppy only
 * keeps `error.message`), derives milestone announcements, and hands out immutable snapshots for
 * `useSyncExternalStore`.
 */
export class VodUploaderStore {
  private readonly fileErrors = new Map<string, VodUploadError>();
  private refusals: VodUploadError[] = [];
  private notices: string[] = [];
  private announcement = '';
  private announced = 0;
  private listeners = new Set<() => void>();
  private snapshot: VodUploaderSnapshot | undefined;
  private snapshotOf: unknown;

  constructor(
    readonly uppy: VodUppy,
    private readonly messages: () => VodMessages,
  ) {
    uppy.on('upload', (_id, files) => {
      this.announced = 0;
      this.refusals = [];
      this.notices = [];
      this.announce(this.messages().uploadStarted(files.length));
    });
    uppy.on('progress', (progress) => {
      const next = MILESTONES.filter((m) => m <= progress && m > this.announced).pop();
      if (next !== undefined && progress < 100) {
        this.announced = next;
        this.announce(this.messages().uploadProgress(next));
      }
    });
    uppy.on('complete', (result) => {
      const done = result.successful?.length ?? 0;
      if (done > 0 && !result.failed?.length) this.announce(this.messages().uploadDone(done));
    });
    uppy.on('upload-error', (file, error) => {
      const typed = toVodError(error);
      const words = describeError(typed, this.messages());
      if (file) this.fileErrors.set(file.id, typed);
      else this.refusals = [...this.refusals, typed];
      // The Dashboard shows the file's `error` string: make it the sentence for people, not the developer's.
      if (file && uppy.getFile(file.id)) uppy.setFileState(file.id, { error: words });
      this.announce(this.messages().uploadFailed(words));
    });
    uppy.on('restriction-failed', (_file, error) => {
      const typed = isVodUploadError(error)
        ? error
        : markForPeople(vodError('file_invalid', error.message, { cause: error }));
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
    uppy.on('upload-retry', (file) => this.forget(file.id));
    uppy.on('retry-all', (files) => {
      for (const file of files) this.fileErrors.delete(file.id);
      this.changed();
    });
    uppy.on('file-removed', (file) => this.forget(file.id));
    uppy.on('cancel-all', () => {
      this.fileErrors.clear();
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
    const files = Object.values(state.files).map((file) => this.fileSnapshot(file));
    this.snapshotOf = state;
    this.snapshot = {
      files,
      progress: state.totalProgress,
      isUploading: files.some((f) => f.status === 'uploading'),
      results: files.flatMap((f) => (f.result ? [f.result] : [])),
      errors: [...files.flatMap((f) => (f.error ? [f.error] : [])), ...this.refusals],
      notices: this.notices,
      announcement: this.announcement,
    };
    return this.snapshot;
  };

  /** Records an error that concerns no file (e.g. the uploader could not be set up). */
  refuse(error: VodUploadError): void {
    this.refusals = [...this.refusals, error];
    this.changed();
  }

  /** Forgets refusals that concern no file (the user dismissed them). */
  dismissRefusals(): void {
    this.refusals = [];
    this.changed();
  }

  private fileSnapshot(file: VodUppyFile): VodFileSnapshot {
    const result = resultOf(file);
    const error = file.error ? (this.fileErrors.get(file.id) ?? vodError('internal', file.error)) : undefined;
    const started = Boolean(file.progress.uploadStarted);
    let status: VodFileStatus = 'pending';
    if (error) status = 'error';
    else if (file.progress.uploadComplete || result) status = 'done';
    else if (file.isPaused) status = 'paused';
    else if (started) status = 'uploading';
    return {
      id: file.id,
      name: file.name ?? '',
      size: file.size,
      type: file.type,
      status,
      progress: file.progress.percentage ?? 0,
      previewUrl: file.preview,
      duration: file.meta.duration,
      cover: file.meta.cover,
      result,
      error,
    };
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

/** The engine emits `VodUploadError`s; anything else (a bug, a foreign plugin) becomes `internal`. */
export function toVodError(error: unknown): VodUploadError {
  if (isVodUploadError(error)) return error;
  const message =
    error instanceof Error || (typeof error === 'object' && error && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return vodError('internal', message, { cause: error });
}
