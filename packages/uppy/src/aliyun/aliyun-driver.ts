import {
  type AliyunCreateUploadVideoRequest,
  type AliyunUploadTarget,
  decodeAliyunComplete,
  decodeAliyunCreateUploadVideo,
  ENDPOINT_ROUTES,
} from '@vod-uploader/core';
import { statusTicketOf } from '../shared/endpoint-client.js';
import { baseNameOf, extensionOf } from '../shared/file-info.js';
import type { DriverContext, UploadDriver, UploadSession } from '../shared/upload-driver.js';
import { AliyunCredentials } from './aliyun-credentials.js';
import { applyImage, isImage, uploadAliyunCover } from './apply-image.js';
import { OssProtocol } from './oss-protocol.js';

/** Fields of CreateUploadVideo the app may set (the endpoint's policy decides which it honours). */
export type AliyunVideoFields = Pick<
  AliyunCreateUploadVideoRequest,
  'description' | 'tags' | 'templateGroupId' | 'cateId'
>;

/**
 * Alibaba Cloud VOD: CreateUploadVideo (or CreateUploadImage for an image) through the endpoint → the
 * bytes into OSS at `UploadAddress`, the credential refreshed as needed (`refresh`) → the cover through
 * CreateUploadImage(`cover`) → the `VideoId`/`ImageId` (+ `ImageURL`).
 */
export function aliyunDriver(fields: AliyunVideoFields): UploadDriver<AliyunUploadTarget> {
  return {
    provider: 'aliyun',
    // OSS takes parts from 100 KB; 1 MiB keeps the count reasonable for small files.
    minPartSize: 1024 * 1024,
    onExpiry: 'refresh',
    checksOwnerOnResume: true,
    // An image goes up in one PUT, so a re-applied image (new key) loses nothing uploaded before.
    isSinglePut: isImage,
    async apply(ctx, signal) {
      const { client, data, file } = ctx;
      const name = file.name ?? 'file';
      if (isImage(ctx)) {
        const image = { imageType: 'default', imageExt: extensionOf(name), fileSize: data.size } as const;
        return aliyunSession(
          ctx,
          await applyImage(client, image, () => ctx.credentialRefreshed(true), signal),
        );
      }
      const request = { ...fields, fileName: name, title: baseNameOf(name), fileSize: data.size };
      const route = ENDPOINT_ROUTES.aliyunCreateUploadVideo;
      const { result, ticket } = await client.postOnceOnly(route, request, signal);
      return videoSession(ctx, decodeAliyunCreateUploadVideo(result, { now: client.now() }), ticket);
    },
    resume: (ctx, target, ticket) =>
      target.videoId && !isImage(ctx) ? videoSession(ctx, target, ticket) : undefined,
  };
}

/** A video's session: its credential is refreshed (RefreshUploadVideo) when it runs out. */
const videoSession = (ctx: DriverContext, target: AliyunUploadTarget, ticket: string | undefined) =>
  aliyunSession(ctx, new AliyunCredentials(target, ctx.client, () => ctx.credentialRefreshed(false), ticket));

function aliyunSession(
  ctx: DriverContext,
  credentials: AliyunCredentials,
): UploadSession<AliyunUploadTarget> {
  const image = credentials.target.kind === 'image';
  let cover: AliyunCredentials | undefined;
  const uploadCover = async (blob: Blob, signal: AbortSignal) => {
    cover = await uploadAliyunCover(ctx, blob, signal);
  };
  return {
    get target() {
      return credentials.target;
    },
    // A re-applied image has a new ticket.
    get ticket() {
      return credentials.ticket;
    },
    media: new OssProtocol(credentials, ctx.client),
    ...(image ? {} : { uploadCover }),
    async finish(signal) {
      const { target, ticket } = credentials;
      const id = (image ? target.imageId : target.videoId) ?? '';
      // The cover's ticket lets the server attach the cover to the video.
      const body = image
        ? { imageId: id }
        : { videoId: id, ...(cover?.ticket ? { coverTicket: cover.ticket } : {}) };
      const route = ENDPOINT_ROUTES.aliyunComplete;
      const answer = await ctx.client.postIfRouted(route, { ...body, ...(ticket ? { ticket } : {}) }, signal);
      const completed = image || answer === undefined ? undefined : decodeAliyunComplete(answer.result);
      const url = image ? imageUrlOf(target) : completed?.url;
      const coverUrl = cover && (imageUrlOf(cover.target) ?? '');
      const urls = { ...(url ? { url } : {}), ...(coverUrl ? { coverUrl } : {}) };
      return { provider: 'aliyun', id, ...urls, ...statusTicketOf(answer) };
    },
  };
}

const imageUrlOf = (target: AliyunUploadTarget) => target.imageUrl ?? target.fileUrl;
