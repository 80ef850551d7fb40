import { ProgressMeter } from '@vod-uploader/core';
import type { UploadEnvironment } from './environment.js';

/** One progress report of a file. */
export interface UploadProgress {
  bytesUploaded: number;
  bytesTotal: number;
  /** Bytes per second, smoothed over a few seconds; 0 until measured. */
  speed: number;
  /** Seconds left at `speed`; `undefined` until measured. */
  etaSeconds: number | undefined;
  /**
   * Of `bytesUploaded`, what the bucket already held when this attempt started (a resumed
   * checkpoint, parts stored before a pause): not traffic of this attempt, so no speed is made of it.
   */
  bytesResumed: number;
}

/** How often a report goes out while bytes flow: 5 a second, above the 4 the product promises. */
const PROGRESS_INTERVAL_MS = 200;

/**
 * Byte-level progress of one file, reported on a fixed beat while the transfer runs. What counts is
 * the bytes the bucket acknowledged (stored parts) plus the bytes of the parts in flight as the
 * browser reports their upload progress; the last byte counts only once the bucket acknowledged every
 * part, so `bytesUploaded === bytesTotal` means "stored", never "handed to the network" (a small
 * file's body sits in socket buffers long before the bucket has it). Core's `ProgressMeter` keeps it
 * monotonic while the attempt runs (a failed part's resend holds the count still instead of moving
 * it back) and smooths speed and ETA; when the attempt stops, the count falls to what is stored.
 */
export class ProgressReporter {
  private readonly inFlight = new Map<number, number>();
  private done = 0;
  private reported = 0;
  /** What was stored when the attempt started (`setStored`): its own bytes are the ones above it. */
  private resumed = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private meter: ProgressMeter;
  /** The last report, for uploaders that judge a credential's lifetime against the speed. */
  latest: UploadProgress | undefined;

  constructor(
    readonly bytesTotal: number,
    private readonly emit: (progress: UploadProgress) => void,
    private readonly env: Pick<UploadEnvironment, 'now'>,
  ) {
    this.meter = new ProgressMeter({ totalBytes: bytesTotal });
  }

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

  /** Bytes the bucket already holds (resumed parts). They are not traffic, so the speed starts over. */
  setStored(bytes: number): void {
    this.done = bytes;
    this.resumed = bytes;
    // An attempt counts from what is stored, not from the last attempt's bytes in flight.
    this.reported = bytes;
    this.meter = new ProgressMeter({ totalBytes: this.bytesTotal });
  }

  /**
   * Nothing is stored any more: the transfer starts over with a new upload (the object failed its
   * check, or the upload was gone). Unlike a resend, which holds the count still, the bar goes back
   * to what is really stored, or it would read 100 % while every byte is sent again.
   */
  restart(): void {
    this.inFlight.clear();
    this.setStored(0);
  }

  /**
   * Starts reporting every {@link PROGRESS_INTERVAL_MS}. Reports at once only when bytes are already
   * stored (a resumed upload): a "0 bytes" report says nothing `upload-start` did not, and with 100
   * small files queued it would be 100 more renders of every file list listening.
   */
  start(): void {
    if (this.timer) return;
    if (this.done > 0) this.report();
    this.timer = setInterval(() => this.report(), PROGRESS_INTERVAL_MS);
  }

  /**
   * Stops the beat (pause, error, done); in-flight bytes are dropped, stored ones kept. When bytes
   * in flight had been counted, one last report says what is stored: a paused or failed file must
   * not read "33 %" for a PUT the pause aborted with nothing stored.
   */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.inFlight.clear();
    if (this.reported > this.done) {
      this.reported = this.done;
      this.meter = new ProgressMeter({ totalBytes: this.bytesTotal });
      this.report();
    }
  }

  /** Reports now (also called by the beat). */
  report(): UploadProgress {
    let bytes = this.done;
    for (const loaded of this.inFlight.values()) bytes += loaded;
    const acknowledged = this.done >= this.bytesTotal;
    const counted = acknowledged ? this.bytesTotal : Math.min(this.bytesTotal - 1, bytes);
    const snapshot = this.meter.update(Math.max(0, counted), this.env.now());
    this.reported = Math.max(this.reported, snapshot.bytesUploaded);
    const left = this.bytesTotal - this.reported;
    const progress: UploadProgress = {
      bytesUploaded: this.reported,
      bytesTotal: this.bytesTotal,
      speed: Math.round(snapshot.speed),
      etaSeconds: left <= 0 ? 0 : snapshot.speed > 0 ? left / snapshot.speed : undefined,
      bytesResumed: Math.min(this.resumed, this.reported),
    };
    this.latest = progress;
    this.emit(progress);
    return progress;
  }
}
