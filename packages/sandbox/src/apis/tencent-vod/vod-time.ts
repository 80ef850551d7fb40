/** ISO 8601 without milliseconds, the way VOD writes times (`2026-01-01T00:00:00Z`). */
export function vodTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
