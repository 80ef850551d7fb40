import type { ApiModule, ApiRequest, SandboxContext } from '../../../http/api-module.js';
import { BodyTooLargeError } from '../../../http/request.js';
import { sendJson } from '../../../http/send.js';
import { v2ApplyUpload, v2CommitUpload } from './v2-actions.js';
import { V2Error } from './v2-error.js';
import { isV2SignatureMethod, V2_SIGNED_HOST, verifyV2Signature } from './v2-signature.js';

const ACTIONS = {
  ApplyUpload: v2ApplyUpload,
  CommitUpload: v2CommitUpload,
} as const;

/** Nonces seen inside the timestamp window, per sandbox (a replay answers 4500). */
const nonces = new WeakMap<SandboxContext, Map<string, number>>();

/**
 * The legacy VOD v2 API at `/v2/index.php?Action=ApplyUpload|CommitUpload` (GET query or POST form),
 * signed with the account key like QcloudApi v2. Answers `{ code, message, codeDesc, ... }`, HTTP 200.
 */
export const tencentVodV2Api: ApiModule = {
  name: 'tencent-vod-v2',
  matches: ({ url }) => url.pathname === '/v2/index.php',
  async handle(request: ApiRequest, ctx: SandboxContext) {
    try {
      const params = await readParams(request);
      const action = params.get('Action') ?? '';
      request.record.action = `v2.${action}`;
      authenticate(request, ctx, params);
      request.record.params = actionParams(params);
      const fault = ctx.faults.takeVodFault('tencent-vod', `v2.${action}`);
      if (fault) {
        request.record.fault = fault.code;
        throw injected(fault.code);
      }
      if (!Object.hasOwn(ACTIONS, action)) {
        throw new V2Error(4000, 'InvalidAction', `The action ${action} is not emulated by the sandbox.`);
      }
      const result = await ACTIONS[action as keyof typeof ACTIONS](params, ctx);
      sendJson(request.res, 200, { code: 0, message: '', codeDesc: 'Success', ...result });
    } catch (error) {
      if (!(error instanceof V2Error) && (request.req.destroyed || request.res.destroyed)) return;
      const answer =
        error instanceof V2Error ? error : new V2Error(32001, 'InternalError', 'Internal error.');
      request.record.errorCode = String(answer.code);
      sendJson(request.res, 200, { code: answer.code, message: answer.message, codeDesc: answer.codeDesc });
    }
  },
};

async function readParams(request: ApiRequest): Promise<Map<string, string>> {
  const params = new Map(request.url.searchParams);
  if (request.req.method === 'POST') {
    let body: Buffer;
    try {
      body = await request.body(1 << 20);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        throw new V2Error(4000, 'InvalidParameter', 'The body exceeds 1 MiB.');
      throw error;
    }
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
  } else if (request.req.method !== 'GET') {
    throw new V2Error(4600, 'UnsupportedProtocol', 'Use GET or POST.');
  }
  return params;
}

/** The common parameters of the v2 signature, left out of the request log's `params`. */
const COMMON_PARAMS = new Set([
  'Action',
  'SecretId',
  'Signature',
  'SignatureMethod',
  'Timestamp',
  'Nonce',
  'Region',
]);

/** The action's own parameters, as received (what the server's seed-parameter tests compare). */
function actionParams(params: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...params].filter(([name]) => !COMMON_PARAMS.has(name)));
}

/** An injected fault: a numeric `code` is answered as itself, any other as 32001 (internal). */
function injected(code: string): V2Error {
  const numeric = /^\d+$/.test(code) ? Number(code) : 32001;
  return new V2Error(numeric, 'InjectedFault', `Error ${numeric} (injected by the sandbox).`);
}

function authenticate(request: ApiRequest, ctx: SandboxContext, params: Map<string, string>): void {
  for (const name of ['SecretId', 'Signature', 'Timestamp', 'Nonce']) {
    if (!params.get(name))
      throw new V2Error(4000, 'MissingParameter', `The common parameter ${name} is missing.`);
  }
  const { tencent } = ctx.descriptor;
  if (params.get('SecretId') !== tencent.secretId) {
    throw new V2Error(4100, 'AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
  }
  // QcloudApi v2: "Nonce — a random positive integer".
  const givenNonce = params.get('Nonce') ?? '';
  if (!/^\d{1,15}$/.test(givenNonce) || Number(givenNonce) < 1) {
    throw new V2Error(4000, 'InvalidParameter', 'The common parameter Nonce must be a positive integer.');
  }
  const signatureMethod = params.get('SignatureMethod') ?? 'HmacSHA1';
  if (!isV2SignatureMethod(signatureMethod)) {
    throw new V2Error(4000, 'InvalidParameter', 'SignatureMethod must be HmacSHA1 or HmacSHA256.');
  }
  const host = request.req.headers.host ?? '';
  const ok = verifyV2Signature(
    params.get('Signature') ?? '',
    [V2_SIGNED_HOST, host, host.replace(/:\d+$/, '')],
    {
      method: request.req.method ?? 'GET',
      path: '/v2/index.php',
      params,
      secretKey: tencent.secretKey,
      signatureMethod,
    },
  );
  if (!ok) throw new V2Error(4100, 'AuthFailure.SignatureFailure', 'The signature does not match.');

  const now = ctx.clock.now();
  const timestamp = Number(params.get('Timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > ctx.options.timestampWindowSeconds) {
    throw new V2Error(4500, 'RequestExpired', 'Timestamp is outside the allowed window.');
  }
  const seen = nonces.get(ctx) ?? new Map<string, number>();
  nonces.set(ctx, seen);
  for (const [nonce, at] of seen)
    if (now - at > ctx.options.timestampWindowSeconds * 2000) seen.delete(nonce);
  const nonce = `${timestamp}:${params.get('Nonce')}`;
  if (seen.has(nonce)) throw new V2Error(4500, 'ReplayAttack', 'This Nonce and Timestamp were already used.');
  seen.set(nonce, now);
}
