import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../http/api-module.js';

/**
 * Whether a write must be refused because it asks not to overwrite (`x-cos-forbid-overwrite: true`,
 * `x-oss-forbid-overwrite: true`) and the key already holds an object: COS and OSS then answer
 * 409 FileAlreadyExists, so a credential cannot store a second object over the first.
 * @see https://cloud.tencent.com/document/product/436/7749 (PUT Object)
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/putobject
 */
export async function overwriteForbidden(
  ctx: SandboxContext,
  headers: IncomingHttpHeaders,
  header: 'x-cos-forbid-overwrite' | 'x-oss-forbid-overwrite',
  bucket: string,
  key: string,
): Promise<boolean> {
  if (String(headers[header] ?? '').toLowerCase() !== 'true') return false;
  return ctx.store.hasObject(bucket, key);
}
