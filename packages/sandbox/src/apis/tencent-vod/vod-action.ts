import type { SandboxContext } from '../../http/api-module.js';

/** One API 3.0 action: the request's JSON parameters in, the `Response` fields (without RequestId) out. */
export type VodAction = (
  params: Record<string, unknown>,
  ctx: SandboxContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
