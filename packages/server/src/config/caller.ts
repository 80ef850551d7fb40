/** Who is asking, as `authorize` decided. `id` keys rate limits, S3 key ownership and URL-import dedup. */
export interface Caller {
  /** Stable id of the user or client (e.g. the user id of the session). */
  id: string;
  [key: string]: unknown;
}
