import {
  type AliyunCompleted,
  type AliyunCreateUploadImageRequest,
  type AliyunCreateUploadVideoRequest,
  type AliyunUploadTarget,
  type CheckpointPart,
  decodeAliyunComplete,
  decodeAliyunCreateUploadImage,
  decodeAliyunCreateUploadVideo,
  ENDPOINT_ROUTES,
  isVodUploadError,
  pickPartSize,
  type VodUploadResult,
} from '@vod-uploader/core';
import { BlobTransfer } from '../shared/blob-transfer.js';
import { Checkpointing } from '../shared/checkpointing.js';
import { baseNameOf, coverOf, extensionOf, imageExtensionOf } from '../shared/file-info.js';
import type { FileUploader, UploaderContext } from '../shared/file-uploader.js';
import { ProgressReporter } from '../shared/progress-reporter.js';
import { AliyunCredentials } from './aliyun-credentials.js';
import { OssProtocol } from './oss-protocol.js';

/** Fields of CreateUploadVideo the app may set (the endpoint's policy decides which it honours). */
export type AliyunVideoFields = Pick<
  AliyunCreateUploadVideoRequest,
  'description' | 'tags' | 'templateGroupId' | 'cateId'
>;

/** OSS takes parts from 100 KB; 1 MiB keeps the count reasonable for small files. */
const OSS_MIN_PART = 1024 * 1024;
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif']);

/**
 * One file's journey to Alibaba Cloud VOD: CreateUploadVideo (or CreateUploadImage for an image)
 * through the endpoint → the bytes into OSS at `UploadAddress`, refreshing the credential as needed →
 * the cover through CreateUploadImage(`cover`) → the `VideoId`/`ImageId` (+ `ImageURL`).
 */
export class AliyunUploader implements FileUploader {
  private credentials: AliyunCredentials | undefined;
  /** The endpoint's ticket of the video (or image); refresh and complete send it. */
  private ticket: string | undefined;
  private transfer: BlobTransfer | undefined;
  private readonly checkpoint: Checkpointing<AliyunUploadTarget>;
  private readonly partSize: number;
  private coverUrl: string | undefined;
  /** The endpoint's ticket of the uploaded cover: complete sends it so the server attaches the cover. */
  private coverTicket: string | undefined;
  private readonly isImage: boolean;

  constructor(
    private readonly ctx: UploaderContext,
    private readonly fields: AliyunVideoFields,
  ) {
    const { file, settings, data } = ctx;
    this.isImage =
      (file.type ?? '').startsWith('image/') && IMAGE_EXTENSIONS.has(extensionOf(file.name ?? ''));
    // An image goes up in one PUT, so a re-applied image (new key) loses nothing uploaded before.
    const partSize = pickPartSize(data.size, { min: OSS_MIN_PART, preferred: settings.partSize });
    this.partSize = this.isImage ? Math.max(data.size, partSize) : partSize;
    this.checkpoint = Checkpointing.forFile(ctx, 'aliyun');
  }

  async run(signal: AbortSignal): Promise<VodUploadResult> {
    const { ctx } = this;
    if (!this.transfer) await this.prepare(signal);
    await (this.transfer as BlobTransfer).run(signal);
    const { target } = this.credentials as AliyunCredentials;
    // A re-applied image has a new ticket.
    this.ticket = (this.credentials as AliyunCredentials).ticket;

    const cover = coverOf(ctx.file.meta);
    if (cover && !this.isImage && this.coverUrl === undefined) {
      const uploaded = await this.uploadImage(cover, 'cover', signal);
      this.coverTicket = uploaded.ticket;
      this.coverUrl = uploaded.target.imageUrl ?? uploaded.target.fileUrl ?? '';
    }
    const id = (this.isImage ? target.imageId : target.videoId) as string;
    const coverTicket = this.coverTicket ? { coverTicket: this.coverTicket } : {};
    const completed = await this.complete(
      this.isImage ? { imageId: id } : { videoId: id, ...coverTicket },
      signal,
    );
    await this.checkpoint.clear();
    const result: VodUploadResult = { provider: 'aliyun', id };
    const { checksum } = this.transfer as BlobTransfer;
    if (checksum) result.checksum = checksum;
    const url = this.isImage ? (target.imageUrl ?? target.fileUrl) : completed?.decoded?.url;
    if (url) result.url = url;
    if (completed?.ticket) result.statusTicket = completed.ticket;
    if (this.coverUrl) result.coverUrl = this.coverUrl;
    return result;
  }

  async cancel(): Promise<boolean> {
    const aborted = (await this.transfer?.abortRemote()) ?? true;
    await this.checkpoint.clear();
    return aborted;
  }

  private async prepare(signal: AbortSignal): Promise<void> {
    const { ctx } = this;
    const saved = this.isImage ? undefined : await this.checkpoint.load();
    // A checkpoint without a ticket (older than tickets) could not be refreshed nor completed.
    if (saved && saved.partSize === this.partSize && saved.target.videoId && saved.ticket) {
      this.ticket = saved.ticket;
      this.useTarget(saved.target, { uploadId: saved.uploadId, parts: saved.doneParts });
      return;
    }
    const name = ctx.file.name ?? 'file';
    if (this.isImage) {
      const apply = (s?: AbortSignal) =>
        this.createImage('default', extensionOf(name), ctx.data.size, s ?? signal);
      const image = await apply();
      this.ticket = image.ticket;
      this.useTarget(image.target, undefined, apply);
      return;
    }
    const request: AliyunCreateUploadVideoRequest = {
      ...this.fields,
      fileName: name,
      title: baseNameOf(name),
      fileSize: ctx.data.size,
    };
    const { result, ticket } = await ctx.client.postForEnvelope(
      ENDPOINT_ROUTES.aliyunCreateUploadVideo,
      request,
      signal,
    );
    this.ticket = ticket;
    this.useTarget(decodeAliyunCreateUploadVideo(result, { now: ctx.client.now() }), undefined);
  }

  private useTarget(
    target: AliyunUploadTarget,
    resume: { uploadId: string; parts: CheckpointPart[] } | undefined,
    reapplyImage?: ConstructorParameters<typeof AliyunCredentials>[4],
  ): void {
    const { ctx } = this;
    const ticket = this.ticket ? { ticket: this.ticket } : {};
    this.credentials = new AliyunCredentials(
      target,
      ctx.client,
      (refreshed) => {
        if (refreshed.kind === 'image') {
          ctx.warn({
            code: 'credential_refreshed',
            message: `The upload credential of ${ctx.file.name} expired; a new one was applied for.`,
          });
          return;
        }
        this.checkpoint.begin({ target: refreshed, partSize: this.partSize, ...ticket });
        if (this.transfer?.uploadId)
          void this.checkpoint.saveUploadId(this.transfer.uploadId, this.transfer.storedParts());
        ctx.warn({
          code: 'credential_refreshed',
          message: `The upload credential of ${ctx.file.name} was renewed; the upload continues.`,
        });
      },
      this.ticket,
      reapplyImage,
    );
    this.checkpoint.begin({ target, partSize: this.partSize, ...ticket });
    this.transfer = new BlobTransfer({
      blob: ctx.data,
      partSize: this.partSize,
      concurrency: ctx.settings.concurrency,
      retry: ctx.settings.retry,
      env: ctx.settings.env,
      protocol: new OssProtocol(this.credentials, ctx.client),
      progress: ctx.progress,
      verify: ctx.settings.verifyIntegrity,
      integrity: { warn: ctx.warn, onPartResent: ctx.partResent },
      resume,
      onUploadId: (uploadId) => this.checkpoint.saveUploadId(uploadId),
      onPartStored: (parts) => this.checkpoint.save(parts),
    });
    if (resume) void this.checkpoint.saveUploadId(resume.uploadId, resume.parts);
  }

  private async createImage(
    imageType: AliyunCreateUploadImageRequest['imageType'],
    imageExt: string,
    fileSize: number,
    signal: AbortSignal,
  ): Promise<{ target: AliyunUploadTarget; ticket: string | undefined }> {
    const { ctx } = this;
    const request: AliyunCreateUploadImageRequest = { imageType, imageExt: imageExt || 'png', fileSize };
    const { result, ticket } = await ctx.client.postForEnvelope(
      ENDPOINT_ROUTES.aliyunCreateUploadImage,
      request,
      signal,
    );
    return { target: decodeAliyunCreateUploadImage(result, { now: ctx.client.now() }), ticket };
  }

  /**
   * Uploads a (small) image in one PUT with its own CreateUploadImage credential, applying again
   * when that credential expires; answers the image finally stored and its ticket.
   */
  private async uploadImage(
    blob: Blob,
    imageType: AliyunCreateUploadImageRequest['imageType'],
    signal: AbortSignal,
  ): Promise<{ target: AliyunUploadTarget; ticket: string | undefined }> {
    const { ctx } = this;
    const apply = (s?: AbortSignal) =>
      this.createImage(imageType, imageExtensionOf(blob), blob.size, s ?? signal);
    const { target, ticket } = await apply();
    const credentials = new AliyunCredentials(target, ctx.client, () => {}, ticket, apply);
    await new BlobTransfer({
      blob,
      partSize: Math.max(blob.size, this.partSize),
      concurrency: 1,
      retry: ctx.settings.retry,
      env: ctx.settings.env,
      protocol: new OssProtocol(credentials, ctx.client),
      progress: new ProgressReporter(blob.size, () => {}, ctx.settings.env),
    }).run(signal);
    return { target: credentials.target, ticket: credentials.ticket };
  }

  /**
   * Tells the endpoint the upload is done and, for a video, reads the stored file's URL from its
   * answer, with the answer's status ticket; an endpoint without the route is fine (no URL then).
   */
  private async complete(
    body: { videoId: string } | { imageId: string },
    signal: AbortSignal,
  ): Promise<{ decoded: AliyunCompleted | undefined; ticket: string | undefined } | undefined> {
    try {
      const ticket = this.ticket ? { ticket: this.ticket } : {};
      const answer = await this.ctx.client.postForEnvelope(
        ENDPOINT_ROUTES.aliyunComplete,
        { ...body, ...ticket },
        signal,
      );
      const decoded = 'videoId' in body ? decodeAliyunComplete(answer.result) : undefined;
      return { decoded, ticket: answer.ticket };
    } catch (error) {
      if (isVodUploadError(error) && error.code === 'not_found' && error.cloudCode === undefined) return;
      throw error;
    }
  }
}
