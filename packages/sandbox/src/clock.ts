/** The sandbox's notion of "now": the real clock plus a skew that fault injection can set. */
export class Clock {
  skewMs = 0;

  now(): number {
    return Date.now() + this.skewMs;
  }
}
