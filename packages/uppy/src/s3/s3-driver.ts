import { ENDPOINT_ROUTES } from '@vod-uploader/core';
import { statusTicketOf } from '../shared/endpoint-client.js';
import { baseNameOf, imageExtensionOf } from '../shared/file-info.js';
import type { DriverContext, UploadDriver, UploadSession } from '../shared/upload-driver.js';
import { type S3FileInfo, S3Protocol } from './s3-protocol.js';

/** What an S3 checkpoint must remember besides the upload id: the key the endpoint generated. */
export interface S3UploadTarget {
  provider: 's3';
  key: string;
}

/**
 * An S3-compatible bucket: every request presigned by the endpoint's `/s3/sign` (so there is no
 * application and no credential to renew: the endpoint picks the key when the object is opened), a
 * cover as a second object, then `/s3/complete`. The result's `id` is the object key.
 */
export const s3Driver: UploadDriver<S3UploadTarget> = {
  provider: 's3',
  // S3 refuses parts under 5 MiB (but the last).
  minPartSize: 5 * 1024 * 1024,
  onExpiry: 'refresh',
  apply: async (ctx) => s3Session(ctx, mediaProtocolOf(ctx)),
  resume: (ctx, target, ticket) =>
    target.key ? s3Session(ctx, mediaProtocolOf(ctx, target.key, ticket)) : undefined,
};

function s3Session(ctx: DriverContext, media: S3Protocol): UploadSession<S3UploadTarget> {
  let coverUrl: string | undefined;
  return {
    get target(): S3UploadTarget {
      return { provider: 's3', key: media.key ?? '' };
    },
    get ticket() {
      return media.ticket;
    },
    media,
    async uploadCover(cover, signal) {
      const name = `${baseNameOf(ctx.file.name ?? 'file')}-cover.${imageExtensionOf(cover)}`;
      const partSize = Math.max(cover.size, ctx.partSize);
      const protocol = protocolOf(ctx, {
        fileName: name,
        fileSize: cover.size,
        contentType: cover.type,
        partSize,
      });
      await ctx.sendBlob(cover, protocol, signal);
      coverUrl = protocol.objectUrl;
    },
    async finish(signal) {
      const { key = '', ticket, objectUrl } = media;
      // A multipart upload was completed (and reported) by the endpoint already; a PUT is checked now.
      const answer =
        media.completed ??
        (await ctx.client.postIfRouted(
          ENDPOINT_ROUTES.s3Complete,
          { key, ...(ticket ? { ticket } : {}) },
          signal,
        ));
      return {
        provider: 's3',
        id: key,
        ...(objectUrl ? { url: objectUrl } : {}),
        ...(coverUrl ? { coverUrl } : {}),
        ...statusTicketOf(answer),
      };
    },
  };
}

/** The protocol of the media object; `key` and `ticket` when continuing a checkpoint. */
function mediaProtocolOf(ctx: DriverContext, key?: string, ticket?: string): S3Protocol {
  const { file, data, partSize } = ctx;
  return protocolOf(
    ctx,
    { fileName: file.name ?? 'file', fileSize: data.size, contentType: file.type, partSize },
    key,
    ticket,
  );
}

function protocolOf(ctx: DriverContext, file: S3FileInfo, key?: string, ticket?: string): S3Protocol {
  const info = { ...file, contentType: file.contentType || undefined };
  return new S3Protocol(ctx.client, info, key, ticket, ctx.settings.verifyIntegrity);
}
