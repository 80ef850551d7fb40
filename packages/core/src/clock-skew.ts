/**
 * Corrects the local clock by the server's: signatures (TC3 ±5 min, OSS ±15 min, SigV4 ±15 min) are
 * refused when the browser's clock is off, which happens on real machines. Built from the endpoint's
 * `serverTime` and the local time when that answer arrived.
 *
 * @example
 * const skew = new ClockSkew(serverTime, Date.now());
 * sign({ timestamp: skew.toServerSeconds() });
 */
export class ClockSkew {
  /** Server time minus local time, ms. Positive when the local clock is behind. */
  readonly offsetMs: number;

  /**
   * @param serverTime The server's time, epoch ms (`EndpointSuccess.serverTime`).
   * @param receivedAt The local time when the answer arrived, epoch ms.
   * @param clock The local clock; injectable for tests.
   */
  constructor(
    serverTime: number,
    receivedAt: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.offsetMs = Number.isFinite(serverTime) && Number.isFinite(receivedAt) ? serverTime - receivedAt : 0;
  }

  /** No correction. */
  static none(clock: () => number = Date.now): ClockSkew {
    return new ClockSkew(0, 0, clock);
  }

  /** The corrected time, epoch ms. */
  now(): number {
    return this.clock() + this.offsetMs;
  }

  /** The corrected time in whole Unix seconds, as the clouds' signatures want it. */
  toServerSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
