import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import type { OssPrincipal } from './oss-auth.js';

/** One routed OSS request: who sent it, to which object, and the ids its answer carries. */
export interface OssCall {
  request: ApiRequest;
  ctx: SandboxContext;
  bucket: string;
  /** The decoded object key; empty for bucket-level requests. */
  key: string;
  principal: OssPrincipal;
  /** Sent as `x-oss-request-id` and in error documents. */
  requestId: string;
}

/** The `x-oss-meta-*` headers of a request, to store with the object and replay on reads. */
export function userMetaOf(call: OssCall): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.request.req.headers)) {
    if (name.startsWith('x-oss-meta-') && typeof value === 'string') meta[name] = value;
  }
  return meta;
}
