/** Options of `ProgressMeter`. */
export interface ProgressMeterOptions {
  /** The file's size, for the ETA and percentage. */
  totalBytes?: number;
  /**
   * Time constant of the speed's moving average. Default 3 s: long enough to hide the sawtooth of
   * parts finishing, short enough to follow a network change.
   */
  windowMs?: number;
}

/** One reading of a `ProgressMeter`. */
export interface ProgressSnapshot {
  /** Bytes uploaded, never lower than a previous snapshot's. */
  bytesUploaded: number;
  bytesTotal: number | undefined;
  /** Smoothed transfer speed, bytes/s (0 until two readings are apart in time). */
  speed: number;
  /** Seconds left at the current speed; `undefined` when unknown (no total or no speed yet). */
  etaSeconds: number | undefined;
}

/**
 * Turns raw "bytes uploaded" readings into what a progress bar shows: a monotonic byte count (a
 * retried part resetting its own bytes must not move the bar back), a speed smoothed by an
 * exponentially weighted moving average over ~`windowMs`, and an ETA.
 *
 * Speed counts bytes actually sent, re-sent bytes included, because that is the network's rate;
 * the ETA divides the bytes still missing by it.
 *
 * @example
 * const meter = new ProgressMeter({ totalBytes: file.size });
 * uppy.on('upload-progress', (_f, p) => render(meter.update(p.bytesUploaded, performance.now())));
 */
export class ProgressMeter {
  private readonly totalBytes: number | undefined;
  private readonly windowMs: number;
  private shown = 0;
  private lastRaw: number | undefined;
  private lastTime: number | undefined;
  private pendingBytes = 0;
  private speed = 0;
  private hasSpeed = false;

  constructor(options: ProgressMeterOptions = {}) {
    this.totalBytes = options.totalBytes;
    this.windowMs = Math.max(1, options.windowMs ?? 3000);
  }

  /**
   * Feeds one reading.
   * @param bytesUploaded Total bytes uploaded as the transport counts them (may go down on retry).
   * @param time A monotonic time in ms (`performance.now()` or `Date.now()`).
   */
  update(bytesUploaded: number, time: number): ProgressSnapshot {
    const raw = Math.max(0, bytesUploaded);
    const capped = this.totalBytes === undefined ? raw : Math.min(raw, this.totalBytes);
    this.shown = Math.max(this.shown, capped);
    if (this.lastRaw === undefined || this.lastTime === undefined) {
      this.lastRaw = raw;
      this.lastTime = time;
      return this.snapshot();
    }
    // A drop means a part restarted: its new bytes are real traffic again, so only rises count.
    if (raw > this.lastRaw) this.pendingBytes += raw - this.lastRaw;
    this.lastRaw = raw;
    const elapsed = time - this.lastTime;
    if (elapsed > 0) {
      const rate = (this.pendingBytes * 1000) / elapsed;
      const weight = this.hasSpeed ? 1 - Math.exp(-elapsed / this.windowMs) : 1;
      this.speed += weight * (rate - this.speed);
      this.hasSpeed = true;
      this.pendingBytes = 0;
      this.lastTime = time;
    }
    return this.snapshot();
  }

  /** The latest reading without feeding a new one. */
  snapshot(): ProgressSnapshot {
    return {
      bytesUploaded: this.shown,
      bytesTotal: this.totalBytes,
      speed: this.speed,
      etaSeconds: this.eta(),
    };
  }

  private eta(): number | undefined {
    if (this.totalBytes === undefined) return undefined;
    const left = this.totalBytes - this.shown;
    if (left <= 0) return 0;
    return this.speed > 0 ? left / this.speed : undefined;
  }
}
