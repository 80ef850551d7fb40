const MiB = 1024 * 1024;

/** Options of {@link InFlightController}. */
export interface InFlightControllerOptions {
  /** The upload's part size: what one more part in flight costs in bytes. */
  partSize: number;
  /** Most parts in flight (the app's `concurrency`): browsers open 6 connections per origin over HTTP/1.1. */
  max: number;
  /** Parts in flight at the start (default 3, at most `max`): a guess that is cheap when wrong. */
  initial?: number;
  /**
   * Bound on the bytes of the parts in flight (default 256 MiB). A part in flight is a slice the
   * browser reads (and for S3 hashes) while it sends: more in flight than this risks the tab's memory.
   */
  maxBytesInFlight?: number;
  /**
   * A round's throughput must beat the best so far by this share to count as growth (default 0.05):
   * smaller gains are the noise of a shared link, and another lane would not pay for itself.
   */
  minGain?: number;
  /** The clock, in ms (injected so the controller is tested without timers). */
  now: () => number;
}

/**
 * Chooses how many parts of one upload are in flight, from what it measures during the upload:
 * starts conservatively, adds a lane after each round (as many completed parts as lanes) whose
 * throughput beat the best round so far, stops adding once a round does not, halves on a failed
 * attempt, and never lets the bytes in flight exceed a memory bound. When a round trip is known, it
 * keeps at least enough parts in flight to cover bandwidth × round-trip time (the bytes a link holds
 * before its first acknowledgement), so a long link is filled without waiting for rounds to show it.
 *
 * The part queue consults {@link InFlightController.limit} before starting each part.
 *
 * @example
 * const flow = new InFlightController({ partSize, max: 6, now: () => performance.now() });
 * flow.partStarted(); // … the part is sent …
 * flow.partStored(partSize);
 */
export class InFlightController {
  private window: number;
  private readonly ceiling: number;
  private readonly minGain: number;
  private startedAt: number | undefined;
  private storedBytes = 0;
  private roundStart: { at: number; bytes: number } | undefined;
  private roundParts = 0;
  private best = 0;
  private growing = true;
  private roundTripMs: number | undefined;

  constructor(private readonly options: InFlightControllerOptions) {
    const byMemory = Math.floor((options.maxBytesInFlight ?? 256 * MiB) / Math.max(1, options.partSize));
    this.ceiling = Math.max(1, Math.min(options.max, byMemory));
    this.window = Math.max(1, Math.min(this.ceiling, options.initial ?? 3));
    this.minGain = options.minGain ?? 0.05;
  }

  /** Parts allowed in flight now. */
  get limit(): number {
    return this.window;
  }

  /** Bytes per second stored since the first part started (0 until measured). */
  get throughput(): number {
    if (this.startedAt === undefined) return 0;
    const ms = this.options.now() - this.startedAt;
    return ms > 0 ? (this.storedBytes * 1000) / ms : 0;
  }

  /** A part starts being sent. */
  partStarted(): void {
    if (this.startedAt !== undefined) return;
    this.startedAt = this.options.now();
    this.roundStart = { at: this.startedAt, bytes: 0 };
  }

  /** A part is stored (`bytes` long): ends a round once as many parts as lanes are stored. */
  partStored(bytes: number): void {
    this.storedBytes += bytes;
    this.roundParts += 1;
    this.coverBandwidthDelay();
    if (this.roundParts < this.window || !this.roundStart) return;
    const now = this.options.now();
    const ms = now - this.roundStart.at;
    const rate = ms > 0 ? ((this.storedBytes - this.roundStart.bytes) * 1000) / ms : 0;
    if (rate > this.best * (1 + this.minGain)) {
      this.best = rate;
      if (this.growing && this.window < this.ceiling) this.window += 1;
    } else {
      // More lanes did not make it faster: the link (or the bucket) is full.
      this.growing = false;
    }
    this.roundStart = { at: now, bytes: this.storedBytes };
    this.roundParts = 0;
  }

  /**
   * An attempt of a part failed (it will be retried): halves the parts in flight, then grows again
   * one lane a round as long as rounds succeed (additive increase, multiplicative decrease).
   */
  partFailed(): void {
    this.window = Math.max(1, Math.ceil(this.window / 2));
    this.best = 0;
    this.growing = true;
    this.roundParts = 0;
    this.roundStart = { at: this.options.now(), bytes: this.storedBytes };
  }

  /** One request's round trip as measured (e.g. CreateMultipartUpload): the shortest one counts. */
  observeRoundTrip(ms: number): void {
    if (!(ms > 0)) return;
    this.roundTripMs = Math.min(this.roundTripMs ?? ms, ms);
    this.coverBandwidthDelay();
  }

  /** At least bandwidth × round trip in flight, in whole parts (plus the one being acknowledged). */
  private coverBandwidthDelay(): void {
    if (this.roundTripMs === undefined || !this.growing) return;
    const bytes = (this.throughput * this.roundTripMs) / 1000;
    const parts = Math.ceil(bytes / this.options.partSize) + 1;
    if (this.storedBytes > 0 && parts > this.window) this.window = Math.min(this.ceiling, parts);
  }
}
