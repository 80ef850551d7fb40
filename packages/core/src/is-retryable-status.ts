/**
 * True for HTTP statuses worth retrying: 0 (network error / CORS / offline), 408, 429 and 5xx.
 * 501 and 505 are excluded: the server will never support the request, so retrying only wastes time.
 */
export function isRetryableStatus(status: number): boolean {
  if (status === 0 || status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}
