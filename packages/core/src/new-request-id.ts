/**
 * A fresh `OnceOnlyRequest.requestId`: 32 hex digits from `crypto.getRandomValues`, which (unlike
 * `randomUUID`) pages served over plain http outside localhost have too.
 */
export function newRequestId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
