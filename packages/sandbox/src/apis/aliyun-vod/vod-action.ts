import type { SandboxContext } from '../../http/api-module.js';
import type { RpcParams } from './rpc-params.js';

/** One VOD action: the checked parameters in, the response fields (without `RequestId`) out. */
export type VodAction = (params: RpcParams, ctx: SandboxContext) => Promise<Record<string, unknown>>;
