import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import type { CosCaller } from './cos-auth.js';

/** One routed COS request: what every action handler gets. */
export interface CosCall {
  request: ApiRequest;
  ctx: SandboxContext;
  bucket: string;
  /** Decoded object key without a leading slash; empty for bucket-level requests. */
  key: string;
  caller: CosCaller;
  requestId: string;
}

/** User metadata headers COS stores with an object and replays on GET/HEAD. */
export function userMetaOf(headers: ApiRequest['req']['headers']): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-cos-meta-') && typeof value === 'string') meta[name] = value;
  }
  return meta;
}
