/** What `fileFingerprint` reads of a file: the fields both `File` and Uppy's file objects have. */
export interface FingerprintInput {
  name: string;
  size: number;
  /** Epoch ms; browsers give 0 or `Date.now()` when unknown, which still works within one session. */
  lastModified?: number;
}

/**
 * A stable string identifying one file on one machine across page reloads, used as the key of an
 * upload checkpoint. Same name, size and modification time → same fingerprint; the file's bytes are
 * not read (hashing a multi-GB video on the main thread would stall the page), so `file_changed` is
 * detected later, by part ETags and sizes.
 *
 * @example
 * fileFingerprint(file) // 'vod1:1048576:1700000000000:clip%20%E4%B8%80.mp4'
 */
export function fileFingerprint(file: FingerprintInput): string {
  const lastModified = Number.isFinite(file.lastModified) ? Math.trunc(file.lastModified as number) : 0;
  return `vod1:${Math.trunc(file.size)}:${lastModified}:${encodeURIComponent(file.name.normalize('NFC'))}`;
}
