import type { SandboxContext } from '../http/api-module.js';

/**
 * The stored key an admin `objects?key=` names. Tencent's ApplyUpload answers object paths with a
 * leading `/` (`MediaStoragePath`) while COS keys have none, so `/a/f0.mp4` finds `a/f0.mp4` when
 * no object is stored under the name as given.
 */
export async function adminObjectKey(ctx: SandboxContext, bucket: string, key: string): Promise<string> {
  if (!key.startsWith('/') || (await ctx.store.hasObject(bucket, key))) return key;
  return key.replace(/^\/+/, '');
}
