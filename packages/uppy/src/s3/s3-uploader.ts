import {
  type CheckpointPart,
  ENDPOINT_ROUTES,
  isVodUploadError,
  pickPartSize,
  type VodUploadResult,
} from '@vod-uploader/core';
import { BlobTransfer } from '../shared/blob-transfer.js';
import { Checkpointing } from '../shared/checkpointing.js';
import { coverOf, imageExtensionOf } from '../shared/file-info.js';
import type { FileUploader, UploaderContext } from '../shared/file-uploader.js';
import { ProgressReporter } from '../shared/progress-reporter.js';
import { S3Protocol } from './s3-protocol.js';

/** What an S3 checkpoint must remember besides the upload id: the key the endpoint generated. */
export interface S3UploadTarget {
  provider: 's3';
  key: string;
}

/** S3 refuses parts under 5 MiB (but the last). */
const S3_MIN_PART = 5 * 1024 * 1024;

/**
 * One file's journey to an S3-compatible bucket: every request presigned by the endpoint's `/s3/sign`,
 * the bytes through the shared transport (single PUT or multipart), a cover as a second object, then
 * `/s3/complete`. The result's `id` is the object key.
 */
export class S3Uploader implements FileUploader {
  private protocol: S3Protocol;
  private transfer: BlobTransfer | undefined;
  private readonly checkpoint: Checkpointing<S3UploadTarget>;
  private readonly partSize: number;
  private coverUrl: string | undefined;

  constructor(private readonly ctx: UploaderContext) {
    const { file, settings, data } = ctx;
    this.partSize = pickPartSize(data.size, { min: S3_MIN_PART, preferred: settings.partSize });
    this.protocol = this.protocolFor(data, file.name ?? 'file', file.type, this.partSize);
    this.checkpoint = Checkpointing.forFile(ctx, 's3');
  }

  async run(signal: AbortSignal): Promise<VodUploadResult> {
    const { ctx } = this;
    if (!this.transfer) await this.prepare();
    await (this.transfer as BlobTransfer).run(signal);
    const key = this.protocol.key as string;

    const cover = coverOf(ctx.file.meta);
    if (cover && this.coverUrl === undefined) {
      const coverName = `${(ctx.file.name ?? 'file').replace(/\.[^.]*$/, '')}-cover.${imageExtensionOf(cover)}`;
      const partSize = Math.max(cover.size, this.partSize);
      const protocol = this.protocolFor(cover, coverName, cover.type, partSize);
      await new BlobTransfer({
        ...this.transferBase(),
        blob: cover,
        partSize,
        protocol,
        progress: new ProgressReporter(cover.size, () => {}, ctx.settings.env),
      }).run(signal);
      this.coverUrl = protocol.objectUrl;
    }
    const statusTicket = await this.complete(key, signal);
    await this.checkpoint.clear();
    const result: VodUploadResult = { provider: 's3', id: key };
    if (statusTicket) result.statusTicket = statusTicket;
    const { checksum } = this.transfer as BlobTransfer;
    if (checksum) result.checksum = checksum;
    const url = this.protocol.objectUrl;
    if (url) result.url = url;
    if (this.coverUrl) result.coverUrl = this.coverUrl;
    return result;
  }

  async cancel(): Promise<boolean> {
    const aborted = (await this.transfer?.abortRemote()) ?? true;
    await this.checkpoint.clear();
    return aborted;
  }

  private async prepare(): Promise<void> {
    const saved = await this.checkpoint.load();
    let resume: { uploadId: string; parts: CheckpointPart[] } | undefined;
    // A checkpoint without a ticket (older than tickets) could not sign its next parts.
    if (saved && saved.partSize === this.partSize && saved.target.key && saved.ticket) {
      this.protocol.key = saved.target.key;
      this.protocol.ticket = saved.ticket;
      resume = { uploadId: saved.uploadId, parts: saved.doneParts };
    }
    this.transfer = new BlobTransfer({
      ...this.transferBase(),
      blob: this.ctx.data,
      partSize: this.partSize,
      protocol: this.protocol,
      progress: this.ctx.progress,
      resume,
      onUploadId: (uploadId) => {
        const { ticket } = this.protocol;
        this.checkpoint.begin({
          target: { provider: 's3', key: this.protocol.key as string },
          partSize: this.partSize,
          ...(ticket ? { ticket } : {}),
        });
        return this.checkpoint.saveUploadId(uploadId);
      },
      onPartStored: (parts) => this.checkpoint.save(parts),
    });
    if (resume && saved) {
      this.checkpoint.begin({ target: saved.target, partSize: this.partSize, ticket: saved.ticket });
      void this.checkpoint.saveUploadId(resume.uploadId, resume.parts);
    }
  }

  private protocolFor(
    blob: Blob,
    fileName: string,
    contentType: string | undefined,
    partSize: number,
  ): S3Protocol {
    return new S3Protocol(
      this.ctx.client,
      { fileName, fileSize: blob.size, contentType: contentType || undefined, partSize },
      undefined,
      undefined,
      this.ctx.settings.verifyIntegrity,
    );
  }

  private transferBase() {
    const { settings, warn, partResent } = this.ctx;
    return {
      concurrency: settings.concurrency,
      retry: settings.retry,
      env: settings.env,
      verify: settings.verifyIntegrity,
      integrity: { warn, onPartResent: partResent },
    };
  }

  /**
   * Tells the endpoint the object is stored and answers its status ticket; an endpoint without the
   * route is fine.
   */
  private async complete(key: string, signal: AbortSignal): Promise<string | undefined> {
    try {
      const { ticket } = this.protocol;
      const answer = await this.ctx.client.postForEnvelope(
        ENDPOINT_ROUTES.s3Complete,
        { key, ...(ticket ? { ticket } : {}) },
        signal,
      );
      return answer.ticket;
    } catch (error) {
      if (isVodUploadError(error) && error.code === 'not_found' && error.cloudCode === undefined) return;
      throw error;
    }
  }
}
