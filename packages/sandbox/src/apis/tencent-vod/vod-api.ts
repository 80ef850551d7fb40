import type { ApiModule, ApiRequest, SandboxContext } from '../../http/api-module.js';
import { BodyTooLargeError } from '../../http/request.js';
import { verifyTc3 } from '../../verifiers/tc3.js';
import { applyUpload } from './apply-upload.js';
import { commitUpload } from './commit-upload.js';
import { describeTaskDetail } from './describe-task-detail.js';
import { describeTasks } from './describe-tasks.js';
import { confirmEvents, pullEvents } from './event-actions.js';
import { deleteMedia, describeMediaInfos } from './media-actions.js';
import { pullUpload } from './pull-upload.js';
import { isTencentSignatureV1, refuseTencentSignatureV1 } from './signature-v1.js';
import type { VodAction } from './vod-action.js';
import { newVodRequestId, sendVodError, sendVodResponse, VodError, type VodErrorCode } from './vod-error.js';
import { VOD_STORAGE_REGIONS } from './vod-validation.js';

/** The API version every action here belongs to. */
export const VOD_API_VERSION = '2018-07-17';

const ACTIONS: Record<string, VodAction> = {
  ApplyUpload: applyUpload,
  CommitUpload: commitUpload,
  DescribeMediaInfos: describeMediaInfos,
  DeleteMedia: deleteMedia,
  PullUpload: pullUpload,
  DescribeTaskDetail: describeTaskDetail,
  DescribeTasks: describeTasks,
  PullEvents: pullEvents,
  ConfirmEvents: confirmEvents,
};

/**
 * Tencent Cloud VOD API 3.0: `POST /` with `X-TC-Action`, JSON body, TC3-HMAC-SHA256 signed with the
 * account's SecretId/SecretKey. Errors travel in the API 3.0 envelope with HTTP 200.
 * @see https://www.tencentcloud.com/document/api/266/31753 (VOD API overview)
 */
export const tencentVodApi: ApiModule = {
  name: 'tencent-vod',
  matches: ({ req, url }) =>
    url.pathname === '/' &&
    (req.headers['x-tc-action'] !== undefined || isTencentSignatureV1(Object.fromEntries(url.searchParams))),
  async handle(request: ApiRequest, ctx: SandboxContext) {
    if (request.req.headers['x-tc-action'] === undefined) {
      // A signature v1 GET (the form-encoded POST reaches the Alibaba RPC module, which reads bodies).
      refuseTencentSignatureV1(request, Object.fromEntries(request.url.searchParams));
      return;
    }
    const requestId = newVodRequestId();
    try {
      const result = await dispatch(request, ctx);
      sendVodResponse(request.res, requestId, result);
    } catch (error) {
      if (!(error instanceof VodError) && (request.req.destroyed || request.res.destroyed)) return;
      const answer =
        error instanceof VodError
          ? error
          : new VodError('InternalError', 'The sandbox failed to handle the request.');
      request.record.errorCode = answer.code;
      sendVodError(request.res, requestId, answer);
    }
  },
};

async function dispatch(request: ApiRequest, ctx: SandboxContext): Promise<Record<string, unknown>> {
  const { req, url, record } = request;
  const action = header(req.headers['x-tc-action']);
  record.action = action;
  if (req.method !== 'POST') {
    throw new VodError(
      'UnsupportedProtocol',
      'The sandbox serves API 3.0 through POST with a JSON body only.',
    );
  }
  const body = await readBody(request);
  const version = header(req.headers['x-tc-version']);
  if (!version) throw new VodError('MissingParameter', 'The X-TC-Version header is missing.');

  const { tencent } = ctx.descriptor;
  const verdict = verifyTc3(
    { method: 'POST', path: url.pathname, query: url.search.slice(1), headers: req.headers, body },
    {
      secretKeyOf: (id) =>
        id === tencent.secretId
          ? tencent.secretKey
          : cosCredentialSecret(ctx, id, header(req.headers['x-tc-token'])),
      nowSeconds: Math.floor(ctx.clock.now() / 1000),
      windowSeconds: ctx.options.timestampWindowSeconds,
      // The SDK names the service after the endpoint's first label ("127" for 127.0.0.1:PORT).
      services: ['vod', (header(req.headers.host) ?? '').split('.')[0] ?? ''],
    },
  );
  if (!verdict.ok) throw new VodError(verdict.code, verdict.message);
  if (verdict.secretId !== tencent.secretId) {
    throw new VodError(
      'UnauthorizedOperation',
      'The temporary credential may only write its COS upload paths; it is not authorised for VOD actions.',
    );
  }

  if (version !== VOD_API_VERSION) {
    throw new VodError('NoSuchVersion', `The API version ${version} does not exist; use ${VOD_API_VERSION}.`);
  }
  const handler = action ? ACTIONS[action] : undefined;
  if (!handler || !Object.hasOwn(ACTIONS, action ?? '')) {
    throw new VodError(
      'InvalidAction',
      `The action ${action} is not emulated by the sandbox (or does not exist).`,
    );
  }
  checkRegion(action ?? '', header(req.headers['x-tc-region']));
  const fault = ctx.faults.takeVodFault('tencent-vod', action ?? '');
  if (fault) record.fault = fault.code;
  if (fault)
    throw new VodError(fault.code as VodErrorCode, 'An internal error occurred (injected by the sandbox).');
  if (!/^application\/json\b/i.test(header(req.headers['content-type']) ?? '')) {
    throw new VodError('InvalidParameter', 'The Content-Type must be application/json.');
  }
  const params = parseParams(body);
  record.params = params;
  return handler(params, ctx);
}

/**
 * A TempCertificate ApplyUpload handed out is a real CAM identity whose policy grants only COS writes:
 * a VOD call signed with it and carrying its Token is authenticated, then refused as
 * `UnauthorizedOperation` (documented for ApplyUpload and CommitUpload). Without the Token the id is
 * unknown (`AuthFailure.SecretIdNotFound`).
 * @see https://www.tencentcloud.com/document/api/266/34120 (ApplyUpload: error codes)
 */
function cosCredentialSecret(
  ctx: SandboxContext,
  secretId: string,
  token: string | undefined,
): string | undefined {
  const credential = ctx.credentials.find(secretId);
  // Without its Token (X-TC-Token) a temporary SecretId is not a known identity at all.
  const known =
    credential?.scope.cloud === 'cos' && token === credential.token && !ctx.credentials.isExpired(credential);
  return known ? credential.secret : undefined;
}

/**
 * The actions whose API reference marks the common parameter `Region` (`X-TC-Region`) "Yes": the
 * upload pair, which chooses where the media is stored. The others say "No … This parameter is not
 * required": PullUpload, PullEvents, ConfirmEvents, DescribeMediaInfos, DeleteMedia,
 * DescribeTaskDetail, DescribeTasks.
 * @see https://www.tencentcloud.com/document/product/266/34113 (common parameters: X-TC-Region)
 * @see https://www.tencentcloud.com/document/api/266/34120 (ApplyUpload: Region Yes)
 * @see https://www.tencentcloud.com/document/product/266/33408 (CommitUpload: Region Yes)
 * @see https://www.tencentcloud.com/document/api/266/34118 (PullUpload: Region No)
 * @see https://www.tencentcloud.com/document/api/266/34183 (PullEvents: Region No)
 * @see https://www.tencentcloud.com/document/api/266/34184 (ConfirmEvents: Region No)
 * @see https://www.tencentcloud.com/document/product/266/33914 (DescribeMediaInfos: Region No)
 * @see https://www.tencentcloud.com/document/product/266/33913 (DeleteMedia: Region No)
 * @see https://www.tencentcloud.com/document/product/266/33431 (DescribeTaskDetail: Region No)
 * @see https://www.tencentcloud.com/document/api/266/33484 (DescribeTasks: Region No)
 */
const REGION_REQUIRED: ReadonlySet<string> = new Set(['ApplyUpload', 'CommitUpload']);

/**
 * `X-TC-Region` missing or empty is `MissingParameter` where the action requires it and fine
 * elsewhere; when given it must be a region VOD serves, else `UnsupportedRegion` (API 3.0 common
 * error codes). The common parameters page says a Region an action does not need "will not take
 * effect"; the sandbox still checks it, so a client's wrong region shows up (the sandbox's choice).
 * @see https://www.tencentcloud.com/document/api/266/31761 (common error codes)
 */
function checkRegion(action: string, region: string | undefined): void {
  if (!region) {
    if (!REGION_REQUIRED.has(action)) return;
    throw new VodError('MissingParameter', 'The request is missing a required parameter `Region`.');
  }
  if (!VOD_STORAGE_REGIONS.has(region)) {
    throw new VodError('UnsupportedRegion', `The API does not support the region ${region}.`);
  }
}

async function readBody(request: ApiRequest): Promise<Buffer> {
  try {
    return await request.body(1 << 20);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new VodError('InvalidParameter', 'The request body exceeds 1 MiB.');
    throw error;
  }
}

function parseParams(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new VodError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new VodError('InvalidParameter', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
