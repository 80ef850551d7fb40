import type { SandboxContext } from '../../http/api-module.js';
import { basicInfo, deleteMediaRecord, findMedia, metaData } from './media-record.js';
import { transcodeItem } from './procedure-task.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * DescribeMediaInfos: `BasicInfo` and `MetaData` of up to 20 FileIds; unknown ids go to `NotExistFileIdSet`.
 * Every info section is returned whatever `Filters` asks (the sections are cheap here); `TranscodeInfo`
 * lists a procedure's outputs once it finished.
 * @see https://www.tencentcloud.com/document/product/266/33914
 */
export function describeMediaInfos(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Record<string, unknown> {
  const params = new VodParams(raw, ['FileIds', 'Filters', 'SubAppId']);
  const fileIds = params.stringArray('FileIds', { required: true, max: 20 });
  if (fileIds.length === 0) throw new VodError('InvalidParameterValue.FileIds', 'FileIds must not be empty.');
  params.stringArray('Filters', { max: 20 });
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const MediaInfoSet: Record<string, unknown>[] = [];
  const NotExistFileIdSet: string[] = [];
  for (const fileId of fileIds) {
    const media = findMedia(ctx, fileId);
    if (!media || media.subAppId !== subAppId) {
      NotExistFileIdSet.push(fileId);
      continue;
    }
    MediaInfoSet.push({
      FileId: fileId,
      BasicInfo: basicInfo(ctx, media),
      MetaData: metaData(media),
      // Null until a procedure transcoded the media, as the cloud answers an untranscoded one.
      TranscodeInfo: media.transcodes?.length
        ? { TranscodeSet: media.transcodes.map((output) => transcodeItem(ctx, output)) }
        : null,
    });
  }
  return { MediaInfoSet, NotExistFileIdSet };
}

/**
 * DeleteMedia: removes the media record and its objects (the `DeleteParts` partial delete is not emulated).
 * @see https://www.tencentcloud.com/document/product/266/33913
 */
export async function deleteMedia(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, ['FileId', 'DeleteParts', 'SubAppId']);
  const fileId = params.string('FileId', { required: true });
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  if (params.has('DeleteParts')) {
    throw new VodError('UnsupportedOperation', 'Deleting parts of a media (DeleteParts) is not emulated.');
  }
  const media = findMedia(ctx, fileId);
  if (!media || media.subAppId !== subAppId) {
    throw new VodError('ResourceNotFound.FileNotExist', `The file ${fileId} does not exist.`);
  }
  const { bucket } = ctx.descriptor.tencent;
  await ctx.store.deleteObject(bucket, media.key);
  if (media.coverKey) await ctx.store.deleteObject(bucket, media.coverKey);
  if (media.posterKey && media.posterKey !== media.coverKey)
    await ctx.store.deleteObject(bucket, media.posterKey);
  for (const output of media.transcodes ?? []) await ctx.store.deleteObject(bucket, output.key);
  deleteMediaRecord(ctx, fileId);
  ctx.events.tencent(media.subAppId, {
    EventType: 'FileDeleted',
    FileDeleteEvent: { FileIdSet: [fileId], FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: [] }] },
  });
  return {};
}
