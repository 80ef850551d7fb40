import type { UploadEnvironment } from './environment.js';

/** One progress report of a file. */
export interface UploadProgress {
  bytesUploaded: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds; 0 until measured. */
  speed: number;
  /** Seconds left at `speed`; `undefined` until measured. */
  etaSeconds: number | undefined;
}

/** How often a report goes out while bytes flow: 5 a second, above the 4 the product promises. */
export const PROGRESS_INTERVAL_MS = 200;
const SPEED_WINDOW_MS = 3000;

/**
 * Byte-level progress of one file, from every in-flight request's own upload progress (not per
 * finished part). Reports are monotonic: when a part fails and its bytes are sent again, the reported
 * count holds still until the resend has caught up, instead of jumping back.
 */
export class ProgressReporter {
  private readonly inFlight = new Map<number, number>();
  private done = 0;
  private reported = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private samples: { at: number; bytes: number }[] = [];
  /** The last report, for uploaders that judge a credential's lifetime against the speed. */
  latest: UploadProgress | undefined;

  constructor(
    readonly bytesTotal: number,
    private readonly emit: (progress: UploadProgress) => void,
    private readonly env: Pick<UploadEnvironment, 'now'>,
  ) {}

  /** Bytes of a part (or of the single PUT, number 0) sent so far in its current attempt. */
  setPartLoaded(partNumber: number, loaded: number): void {
    this.inFlight.set(partNumber, loaded);
  }

  /** A part is stored: its bytes count for good. */
  completePart(partNumber: number, size: number): void {
    this.inFlight.delete(partNumber);
    this.done += size;
  }

  /** A part's attempt failed: its bytes will be sent again. */
  resetPart(partNumber: number): void {
    this.inFlight.delete(partNumber);
  }

  /** Bytes the bucket already holds (resumed parts); they do not count toward speed. */
  setStored(bytes: number): void {
    this.done = bytes;
    this.samples = [];
  }

  /** Starts reporting every {@link PROGRESS_INTERVAL_MS}. */
  start(): void {
    if (this.timer) return;
    this.samples = [];
    this.report();
    this.timer = setInterval(() => this.report(), PROGRESS_INTERVAL_MS);
  }

  /** Stops the interval (pause, error, done); in-flight bytes are dropped, stored ones kept. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.inFlight.clear();
  }

  /** Reports now (also called by the interval). */
  report(): UploadProgress {
    let bytes = this.done;
    for (const loaded of this.inFlight.values()) bytes += loaded;
    const raw = Math.min(this.bytesTotal, bytes);
    this.reported = Math.max(this.reported, raw);
    const now = this.env.now();
    this.samples.push({ at: now, bytes: raw });
    while (this.samples.length > 2 && now - (this.samples[0]?.at ?? now) > SPEED_WINDOW_MS)
      this.samples.shift();
    const first = this.samples[0];
    const elapsed = first ? (now - first.at) / 1000 : 0;
    const speed = first && elapsed > 0.15 ? Math.max(0, (raw - first.bytes) / elapsed) : 0;
    const progress: UploadProgress = {
      bytesUploaded: this.reported,
      bytesTotal: this.bytesTotal,
      speed: Math.round(speed),
      etaSeconds: speed > 0 ? (this.bytesTotal - this.reported) / speed : undefined,
    };
    this.latest = progress;
    this.emit(progress);
    return progress;
  }
}
