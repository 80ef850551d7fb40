import { createHash } from 'node:crypto';
import type { Sandbox } from '@vod-uploader/sandbox';

/** Hex sha256 of some bytes: what the tests compare stored objects with. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The sha256 of the object `key` in `bucket` as the sandbox stored it (its admin API), or undefined
 * when no such object is stored: the one observable proof of what an upload put in the bucket.
 */
export async function storedSha256(
  sandbox: Sandbox,
  bucket: string,
  key: string,
): Promise<string | undefined> {
  const response = await fetch(
    `${sandbox.descriptor.adminUrl}/objects?bucket=${bucket}&key=${encodeURIComponent(key)}`,
  );
  return response.ok ? ((await response.json()) as { sha256: string }).sha256 : undefined;
}
