/**
 * Decodes base64 (standard or base64url, padding optional) holding UTF-8 JSON, as Alibaba's
 * `UploadAddress` and `UploadAuth` are. Uses `atob` + `TextDecoder` so non-ASCII object keys and
 * titles survive (plain `atob` would give Latin-1 mojibake).
 *
 * @throws Error with a short reason (`not base64`, `not UTF-8`, `not JSON`); decoders wrap it in a
 *   `decode_failed` error that names the field.
 */
export function decodeBase64Json(encoded: string): unknown {
  const text = decodeBase64Utf8(encoded);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error('not JSON', { cause: error });
  }
}

/** Decodes base64/base64url (padding optional, whitespace ignored) into a UTF-8 string. */
export function decodeBase64Utf8(encoded: string): string {
  let normalized = encoded.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (normalized.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(normalized)) {
    throw new Error('not base64');
  }
  normalized = normalized.replace(/=+$/, '');
  normalized += '='.repeat((4 - (normalized.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(normalized);
  } catch (error) {
    throw new Error('not base64', { cause: error });
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new Error('not UTF-8', { cause: error });
  }
}
