import type { ApiModule, ApiRequest, SandboxContext } from '../../http/api-module.js';
import { sendJson } from '../../http/send.js';
import { isTencentSignatureV1, refuseTencentSignatureV1 } from '../tencent-vod/signature-v1.js';
import { deleteVideo, getImageInfo, getMezzanineInfo, getPlayInfo, getVideoInfo } from './media-info.js';
import { authenticateRpc } from './rpc-auth.js';
import { RpcParams } from './rpc-params.js';
import { getTranscodeTask, listTranscodeTask } from './transcode-tasks.js';
import { updateVideoInfo } from './update-video-info.js';
import { createUploadImage } from './upload-image.js';
import { createUploadVideo, refreshUploadVideo } from './upload-video.js';
import { getUrlUploadInfos, uploadMediaByUrl } from './url-upload.js';
import type { VodAction } from './vod-action.js';
import { newVodRequestId, sendVodError, VodError } from './vod-error.js';

/** The API version every call must name. */
export const VOD_API_VERSION = '2017-03-21';

const ACTIONS: Record<string, VodAction> = {
  CreateUploadVideo: createUploadVideo,
  RefreshUploadVideo: refreshUploadVideo,
  CreateUploadImage: createUploadImage,
  GetVideoInfo: getVideoInfo,
  GetPlayInfo: getPlayInfo,
  ListTranscodeTask: listTranscodeTask,
  GetTranscodeTask: getTranscodeTask,
  GetMezzanineInfo: getMezzanineInfo,
  GetImageInfo: getImageInfo,
  DeleteVideo: deleteVideo,
  UploadMediaByURL: uploadMediaByUrl,
  GetURLUploadInfos: getUrlUploadInfos,
  UpdateVideoInfo: updateVideoInfo,
};

/**
 * Whether a request is an Alibaba RPC call: `/` with `Action` and `SignatureVersion` in the query, or a
 * form-encoded POST to `/` (its parameters are in the body, which `matches` must not read).
 */
function isRpcCall({ req, url }: ApiRequest): boolean {
  if (url.pathname !== '/') return false;
  if (url.searchParams.has('Action') && url.searchParams.has('SignatureVersion')) return true;
  return (
    req.method === 'POST' &&
    (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
    req.headers['x-tc-action'] === undefined
  );
}

/** The common signature parameters, left out of the request log. */
const SIGNING_PARAMS = new Set([
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'AccessKeyId',
  'SecurityToken',
  'Timestamp',
  'Format',
]);

function actionParams(all: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([name]) => !SIGNING_PARAMS.has(name)));
}

/**
 * ApsaraVideo VOD's RPC API (version 2017-03-21), GET or form-encoded POST to `/`, signed with
 * signature v1. Answers JSON; errors as `{ Code, Message, RequestId, HostId, Recommend }`.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-dir
 */
export const aliyunVodApi: ApiModule = {
  name: 'aliyun-vod',
  matches: (request) => isRpcCall(request),
  async handle(request: ApiRequest, ctx: SandboxContext) {
    // The framework's byte counter put the body in flowing mode: hold it until RpcParams reads it.
    request.req.pause();
    const requestId = newVodRequestId();
    try {
      const method = request.req.method ?? 'GET';
      if (method !== 'GET' && method !== 'POST') {
        throw new VodError(
          'UnsupportedHTTPMethod',
          `This action does not support the HTTP method ${method}.`,
        );
      }
      const params = await RpcParams.read(request);
      // Tencent's signature v1 also posts a form to `/`: refused in Tencent's envelope, not Alibaba's.
      if (isTencentSignatureV1(params.all)) {
        refuseTencentSignatureV1(request, params.all);
        return;
      }
      request.record.params = actionParams(params.all);
      const actionName = params.required('Action');
      request.record.action = actionName;
      const version = params.required('Version');
      if (version !== VOD_API_VERSION) {
        throw new VodError('InvalidVersion', `Specified parameter Version "${version}" is not valid.`);
      }
      const action = Object.hasOwn(ACTIONS, actionName) ? ACTIONS[actionName] : undefined;
      if (!action) {
        throw new VodError(
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method.',
        );
      }
      authenticateRpc(method, params, ctx);
      const fault = ctx.faults.takeVodFault('aliyun-vod', actionName);
      if (fault) {
        request.record.fault = String(fault.status);
        throw new VodError(
          fault.code,
          'The request processing has failed due to some unknown error (injected).',
          fault.status,
        );
      }
      const result = await action(params, ctx);
      sendJson(request.res, 200, { RequestId: requestId, ...result }, { 'x-acs-request-id': requestId });
    } catch (error) {
      if (!(error instanceof VodError)) throw error;
      request.record.errorCode = error.code;
      sendVodError(request.res, error, requestId);
    }
  },
};
