import { type FaultPlan, UnknownFaultError } from '../faults.js';
import type { ApiModule, ApiRequest, SandboxContext } from '../http/api-module.js';
import { sendJson } from '../http/send.js';
import { adminObjectKey } from './admin-object-key.js';

/**
 * Admin routes under `/_sandbox` (not part of any cloud):
 * - `GET  /descriptor` the connection descriptor
 * - `GET  /faults`, `POST /faults` (a `FaultPlan` merged in), `DELETE /faults`
 * - `POST /expire-credentials` every temporary credential expires now
 * - `POST /clock` `{ skewMs }` skews the sandbox clock
 * - `GET  /log?since=<seq>` the request log; `DELETE /log`
 * - `GET  /objects?bucket=&key=` `{ size, sha256 }` of a stored object (404 if none); a Tencent
 *   path with its leading `/` finds the COS key
 * - `GET  /multipart?bucket=` unfinished multipart uploads of a bucket
 * - `POST /events` event targets (`EventOptions`, merged in; non-loopback URLs → 400);
 *   `GET /events` the targets and the callbacks sent so far
 * - `POST /processing` `{ stageMs }` the duration of each processing stage
 */
export const adminApi: ApiModule = {
  name: 'admin',
  matches: ({ url }) => url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/'),
  async handle(request: ApiRequest, ctx: SandboxContext) {
    const { url, req, res } = request;
    const route = `${req.method} ${url.pathname.slice('/_sandbox'.length) || '/'}`;
    request.record.api = 'admin';
    switch (route) {
      case 'GET /descriptor':
        return sendJson(res, 200, ctx.descriptor);
      case 'GET /faults':
        return sendJson(res, 200, { plan: ctx.faults.current(), injected: ctx.faults.injected });
      case 'POST /faults': {
        const plan = parseJson(await request.body());
        if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
          return sendJson(res, 400, { error: 'InvalidFaultPlan', message: 'a JSON object of faults' });
        }
        try {
          return sendJson(res, 200, { plan: ctx.faults.set(plan as FaultPlan) });
        } catch (error) {
          if (!(error instanceof UnknownFaultError)) throw error;
          return sendJson(res, 400, { error: 'UnknownFault', message: error.message });
        }
      }
      case 'DELETE /faults':
        ctx.faults.reset();
        return sendJson(res, 200, { plan: {} });
      case 'POST /expire-credentials':
        ctx.credentials.expireAll();
        return sendJson(res, 200, { expired: true });
      case 'POST /clock': {
        const { skewMs } = parseJson(await request.body()) as { skewMs?: unknown };
        ctx.clock.skewMs = typeof skewMs === 'number' ? skewMs : 0;
        return sendJson(res, 200, { skewMs: ctx.clock.skewMs });
      }
      case 'GET /log':
        return sendJson(res, 200, { records: ctx.log.list(Number(url.searchParams.get('since') ?? 0)) });
      case 'DELETE /log':
        ctx.log.clear();
        return sendJson(res, 200, { cleared: true });
      case 'GET /objects': {
        const bucket = url.searchParams.get('bucket') ?? '';
        const key = await adminObjectKey(ctx, bucket, url.searchParams.get('key') ?? '');
        const found = await ctx.store.describe(bucket, key);
        return found ? sendJson(res, 200, found) : sendJson(res, 404, { error: 'NoSuchKey' });
      }
      case 'DELETE /objects': {
        // Frees the disk behind a stored object (the benchmarks store GiBs per run); a bucket name is
        // a single path segment, and only an object that exists is touched.
        const bucket = url.searchParams.get('bucket') ?? '';
        const key = await adminObjectKey(ctx, bucket, url.searchParams.get('key') ?? '');
        if (
          !/^[a-z0-9][a-z0-9.-]*$/.test(bucket) ||
          bucket.includes('..') ||
          !(await ctx.store.hasObject(bucket, key))
        )
          return sendJson(res, 404, { error: 'NoSuchKey' });
        await ctx.store.deleteObject(bucket, key);
        return sendJson(res, 200, { deleted: true });
      }
      case 'GET /events':
        return sendJson(res, 200, { targets: ctx.options.events, sent: ctx.events.sent });
      case 'POST /events': {
        const given = parseJson(await request.body()) as Record<string, unknown>;
        const pick = (name: string): string | undefined =>
          typeof given[name] === 'string' ? (given[name] as string) : undefined;
        try {
          ctx.options.events = ctx.events.configure({
            ...(pick('tencentPushUrl') !== undefined ? { tencentPushUrl: pick('tencentPushUrl') } : {}),
            ...(pick('aliyunCallbackUrl') !== undefined
              ? { aliyunCallbackUrl: pick('aliyunCallbackUrl') }
              : {}),
            ...(pick('aliyunAuthKey') !== undefined ? { aliyunAuthKey: pick('aliyunAuthKey') } : {}),
          });
        } catch (error) {
          return sendJson(res, 400, { error: 'InvalidTarget', message: (error as Error).message });
        }
        return sendJson(res, 200, { targets: ctx.options.events });
      }
      case 'POST /processing': {
        const { stageMs } = parseJson(await request.body()) as { stageMs?: unknown };
        if (typeof stageMs === 'number' && stageMs >= 0) ctx.options.processing.stageMs = stageMs;
        return sendJson(res, 200, { processing: ctx.options.processing });
      }
      case 'GET /multipart':
        return sendJson(res, 200, {
          uploads: await ctx.store.listMultipartUploads(url.searchParams.get('bucket') ?? ''),
        });
      default:
        return sendJson(res, 404, { error: `No admin route ${route}` });
    }
  },
};

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return {};
  }
}
