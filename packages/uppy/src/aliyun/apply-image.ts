import {
  type AliyunCreateUploadImageRequest,
  type AliyunUploadTarget,
  decodeAliyunCreateUploadImage,
  ENDPOINT_ROUTES,
} from '@vod-uploader/core';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { extensionOf, imageExtensionOf } from '../shared/file-info.js';
import type { UploaderContext } from '../shared/file-uploader.js';
import type { DriverContext } from '../shared/upload-driver.js';
import { AliyunCredentials } from './aliyun-credentials.js';
import { OssProtocol } from './oss-protocol.js';

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif']);

/** Whether the file goes up as an image (CreateUploadImage) rather than a video. */
export const isImage = ({ file }: UploaderContext): boolean =>
  (file.type ?? '').startsWith('image/') && IMAGE_EXTENSIONS.has(extensionOf(file.name ?? ''));

/**
 * Applies for an image (CreateUploadImage) through the endpoint: the file itself when it is an image,
 * or a video's cover. The cloud cannot refresh an image's credential, so the credentials apply again
 * when it expires (`onReapplied` is told), which gives a new image for the same bytes.
 */
export async function applyImage(
  client: EndpointClient,
  request: AliyunCreateUploadImageRequest,
  onReapplied: (target: AliyunUploadTarget) => void,
  signal: AbortSignal,
): Promise<AliyunCredentials> {
  const body = { ...request, imageExt: request.imageExt || 'png' };
  const apply = async (s?: AbortSignal) => {
    const route = ENDPOINT_ROUTES.aliyunCreateUploadImage;
    // Each apply is a request of its own (a re-apply wants a new image), so it gets its own requestId.
    const { result, ticket } = await client.postOnceOnly(route, body, s ?? signal);
    return { target: decodeAliyunCreateUploadImage(result, { now: client.now() }), ticket };
  };
  const { target, ticket } = await apply();
  return new AliyunCredentials(target, client, onReapplied, ticket, apply);
}

/** A video's cover: its own image (CreateUploadImage `cover`), stored in one PUT; its credentials name it. */
export async function uploadAliyunCover(
  ctx: DriverContext,
  blob: Blob,
  signal: AbortSignal,
): Promise<AliyunCredentials> {
  const request = { imageType: 'cover', imageExt: imageExtensionOf(blob), fileSize: blob.size } as const;
  const uploaded = await applyImage(ctx.client, request, () => {}, signal);
  await ctx.sendBlob(blob, new OssProtocol(uploaded, ctx.client), signal);
  return uploaded;
}
