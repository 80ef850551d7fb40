import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../http/api-module.js';

/**
 * A write that asks not to overwrite (`x-cos-forbid-overwrite: true`, `x-oss-forbid-overwrite: true`):
 * COS and OSS then answer 409 FileAlreadyExists when the key holds an object, so a credential cannot
 * store a second object over the first. Refuses with `refusal()` now, before the body is read, when the
 * key already holds one, and returns `refusal` for the store to throw when the write commits (a write
 * that started before another one finished is refused at its end); undefined when the write may overwrite.
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
  if (await ctx.store.hasObject(target.bucket, target.key)) throw refusal();
  return refusal;
}
