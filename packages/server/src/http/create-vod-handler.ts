import { isVodUploadError, type ProviderKey, type VodUploadError, vodError } from '@vod-uploader/core';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import { mapCloudError } from '../cloud/map-cloud-error.js';
import type { Caller } from '../config/caller.js';
import { storeOfConfig } from '../config/config-store.js';
import { createHandlerServices } from '../config/handler-services.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { AuthRefusal, VodHandlerConfig } from '../config/vod-handler-config.js';
import { answerOnce, ONCE_ONLY_ROUTES } from './answer-once.js';
import { MAX_PARTS_LIST_BODY_BYTES, readJsonBody } from './read-json-body.js';
import { Responder } from './responder.js';
import type { RouteContext } from './route-context.js';
import { bindRoute } from './route-table.js';
import { matchRoute, type ServerRouteName } from './server-routes.js';

/** The credential endpoint: a web-standard handler, usable as-is wherever `fetch` handlers run. */
export type VodHandler = (request: Request) => Promise<Response>;

/**
 * Creates the credential endpoint from a config. The config is checked now: a missing `authorize`
 * (without `allowAnyone: true`), an empty key or a bad option throws `config_invalid`.
 *
 * Every request goes: CORS preflight → route → `authorize` → `rateLimit` → body (JSON, ≤ 64 KiB,
 * 1 MiB for /s3/complete's parts list, within `bodyTimeoutMs`, schema) → ticket of the session
 * (later calls) → policy → cloud call →
 * `{ result, serverTime, ticket?, storageEndpoint? }` or `{ error }`.
 * @example
 * const handler = createVodHandler({
 *   authorize: async (request) => (await sessionOf(request)) ?? refuse('unauthorized'),
 *   tencent: { ...configFromEnv(process.env).tencent!, procedure: 'LongVideoPreset' },
 * });
 * // Next.js app router: export const POST = handler, GET = handler;
 */
export function createVodHandler(config: VodHandlerConfig): VodHandler {
  const resolved = resolveConfig(config);
  const services = createHandlerServices(resolved, storeOfConfig(config));
  const responder = new Responder(resolved.secrets, config.cors);
  const prefix = resolved.basePath;

  return async function vodHandler(request: Request): Promise<Response> {
    const now = Date.now();
    let routeName: ServerRouteName | undefined;
    let provider: ProviderKey | undefined;
    try {
      const path = pathOf(request.url, prefix);
      if (request.method === 'OPTIONS' && path !== undefined) return responder.preflight(request);
      const match = path === undefined ? undefined : matchRoute(request.method, path);
      const route = match && bindRoute(match.name, services.providers);
      if (!match || !route) {
        const shown = (path ?? new URL(request.url).pathname).slice(0, 200);
        // Its own code: the browser then says "check the endpoint setting", not "the upload is gone".
        throw vodError(
          'endpoint_not_found',
          `No route ${request.method} ${shown} (this handler serves ${prefix || '/'}/…; check the endpoint setting)`,
        );
      }
      routeName = match.name;
      provider = route.provider;

      const caller = await authorizeCaller(resolved.authorize, request);
      if (services.rateLimit && !(await services.rateLimit(caller, match.name, request))) {
        const wait = services.rateLimitRetryAfterSeconds;
        const refusal = vodError('rate_limited', 'Too many requests; try again later');
        return responder.failure(request, refusal, 429, wait ? { 'retry-after': String(wait) } : {});
      }
      let body: Promise<Record<string, unknown>> | undefined;
      const context: RouteContext = {
        request,
        caller,
        id: match.id,
        body: () => {
          body ??= readJsonBody(request, {
            timeoutMs: resolved.bodyTimeoutMs,
            ...(match.name === 's3Complete' ? { maxBytes: MAX_PARTS_LIST_BODY_BYTES } : {}),
          });
          return body;
        },
        policy: services.policy,
        prepareUpload: resolved.prepareUpload,
        uploaded: services.uploaded,
        sealedCaller: () => services.sealCaller(caller.id),
        rememberOwner: (provider, mediaId) => services.rememberOwner(provider, mediaId, caller.id),
        canReportUploads: services.canReportUploads,
        canRememberOwners: services.canRememberOwners,
        reportError: (error) => resolved.onError(error, match.name),
        now,
        envelope: {},
        issueTicket: (claims) => {
          context.envelope.ticket = services.tickets.issue(caller.id, claims, now);
        },
        openTicket: (given, provider) => services.tickets.open(given, caller.id, provider, now),
      };
      const result = ONCE_ONLY_ROUTES.has(match.name)
        ? await answerOnce(context, match.name, route.run, services.createAnswers)
        : await route.run(context);
      return responder.success(request, result, Date.now(), context.envelope);
    } catch (thrown) {
      const error = toVodError(thrown, provider);
      if (error.code === 'internal') resolved.onError(thrown, routeName);
      return responder.failure(request, error);
    }
  };
}

/** The path under the base path, or undefined when the request is outside it. */
function pathOf(url: string, prefix: string): string | undefined {
  const { pathname } = new URL(url);
  if (!prefix) return pathname;
  if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return undefined;
  return pathname.slice(prefix.length) || '/';
}

async function authorizeCaller(
  authorize: (request: Request) => Caller | AuthRefusal | Promise<Caller | AuthRefusal>,
  request: Request,
): Promise<Caller> {
  let answer: Caller | AuthRefusal | undefined | null;
  try {
    answer = await authorize(request);
  } catch (error) {
    if (isVodUploadError(error) && (error.code === 'unauthorized' || error.code === 'forbidden')) throw error;
    throw vodError('internal', 'Authorization failed', { cause: error });
  }
  if (answer && 'refuse' in answer) {
    const { refuse, message } = answer as AuthRefusal;
    const forbidden = refuse === 'forbidden';
    throw vodError(
      forbidden ? 'forbidden' : 'unauthorized',
      typeof message === 'string' ? message : forbidden ? 'Not allowed to upload' : 'Sign in to upload',
    );
  }
  if (!answer || typeof answer.id !== 'string' || !answer.id) {
    // A caller without an id would share S3 keys and dedup ids with every other such caller.
    throw vodError('internal', 'authorize returned no caller id', { cause: answer });
  }
  return answer;
}

function toVodError(thrown: unknown, provider: ProviderKey | undefined): VodUploadError {
  if (thrown instanceof CloudCallError) return mapCloudError(thrown);
  if (isVodUploadError(thrown)) {
    // Internal details (config, causes) stay in the logs; the client gets a fixed sentence.
    return thrown.code === 'internal'
      ? vodError('internal', 'Internal error', provider ? { provider } : {})
      : thrown;
  }
  return vodError('internal', 'Internal error');
}
