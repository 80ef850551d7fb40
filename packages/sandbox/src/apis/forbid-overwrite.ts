import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../http/api-module.js';

/**
 * A write that must not replace an object (S3 `If-None-Match: *`, COS/OSS `x-*-forbid-overwrite:
 * true`), decided as the clouds decide it: refused with `refusal()` now, before the body is read,
 * when the key already holds an object, and `refusal` returned for the store to throw when the write
 * commits (a write that started before another one finished is refused at its end).
 */
export async function refuseOverwrite<E extends Error>(
  ctx: SandboxContext,
  target: { bucket: string; key: string },
  refusal: () => E,
): Promise<() => E> {
  if (await ctx.store.hasObject(target.bucket, target.key)) throw refusal();
  return refusal;
}

/**
 * COS's and OSS's no-overwrite header (`x-cos-forbid-overwrite: true`, `x-oss-forbid-overwrite: true`):
 * they answer 409 FileAlreadyExists when the key holds an object, so a credential cannot store a
 * second object over the first ({@link refuseOverwrite}); undefined when the write may overwrite.
 * @see https://cloud.tencent.com/document/product/436/7749 (PUT Object)
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/putobject
 */
export async function forbidOverwrite<E extends Error>(
  ctx: SandboxContext,
  headers: IncomingHttpHeaders,
  header: 'x-cos-forbid-overwrite' | 'x-oss-forbid-overwrite',
  target: { bucket: string; key: string },
  refusal: () => E,
): Promise<(() => E) | undefined> {
  if (String(headers[header] ?? '').toLowerCase() !== 'true') return undefined;
  return refuseOverwrite(ctx, target, refusal);
}
