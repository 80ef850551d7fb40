import { ALIYUN_BUCKET } from '../../descriptor.js';
import { httpUrl, idLike, integer, mediaExtension, mediaMetadata, referenceId } from './param-rules.js';
import { encodeUploadAddress, issueUploadAuth, newMediaId, newVideoKey } from './upload-auth.js';
import type { VodAction } from './vod-action.js';
import { invalid, VodError } from './vod-error.js';
import { REFERENCE_IDS, VIDEOS, type VideoRecord, vodTime } from './vod-records.js';

/**
 * CreateUploadVideo: checks every input, records the video as `Uploading` and hands out where to put
 * it (`UploadAddress`) and an STS credential for that one key (`UploadAuth`).
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 */
export const createUploadVideo: VodAction = async (params, ctx) => {
  const title = params.required('Title');
  if ([...title].length > 128) throw invalid('Title', 'exceeds the length limit of 128 characters.');
  const fileName = params.required('FileName');
  if ([...fileName].length > 1024) throw invalid('FileName', 'exceeds the length limit of 1024 characters.');
  const extension = mediaExtension(fileName);
  const now = vodTime(ctx.clock.now());
  const record = withoutUndefined<VideoRecord>({
    VideoId: newMediaId(),
    Status: 'Uploading',
    CreationTime: now,
    ModificationTime: now,
    ObjectKey: newVideoKey(extension),
    Title: title,
    OriginalFileName: fileName,
    Size: integer(params, 'FileSize'),
    CoverURL: httpUrl(params, 'CoverURL'),
    TemplateGroupId: idLike(params, 'TemplateGroupId'),
    WorkflowId: idLike(params, 'WorkflowId'),
    ...mediaMetadata(params, ALIYUN_BUCKET),
    ReferenceId: referenceId(params),
  });
  if (record.ReferenceId !== undefined && ctx.state.get(REFERENCE_IDS, record.ReferenceId)) {
    throw new VodError(
      'InvalidParameter.ReferenceIdExisted',
      'The specified ReferenceId is already used by another media.',
    );
  }
  ctx.state.put(VIDEOS, record.VideoId, record);
  if (record.ReferenceId !== undefined) ctx.state.put(REFERENCE_IDS, record.ReferenceId, record.VideoId);
  return {
    VideoId: record.VideoId,
    UploadAddress: encodeUploadAddress(ctx, record.StorageLocation, record.ObjectKey),
    UploadAuth: issueUploadAuth(ctx, record.StorageLocation, record.ObjectKey),
  };
};

/**
 * RefreshUploadVideo: the same `UploadAddress`, a new `UploadAuth`. `InvalidVideo.NotFound` for an
 * unknown id, `InvalidVideo.Damaged` (the sandbox's condition for it) for a video whose upload was
 * seen complete and whose source object has since gone from OSS.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-refreshuploadvideo
 */
export const refreshUploadVideo: VodAction = async (params, ctx) => {
  const videoId = params.required('VideoId');
  const video = ctx.state.get<VideoRecord>(VIDEOS, videoId);
  if (!video) throw new VodError('InvalidVideo.NotFound', 'The video does not exist.');
  // A video already seen uploaded whose source file is gone cannot take a new upload credential.
  if (video.Status !== 'Uploading' && !(await ctx.store.hasObject(video.StorageLocation, video.ObjectKey))) {
    throw new VodError('InvalidVideo.Damaged', 'The source file of the video is damaged or missing.');
  }
  return {
    VideoId: video.VideoId,
    UploadAddress: encodeUploadAddress(ctx, video.StorageLocation, video.ObjectKey),
    UploadAuth: issueUploadAuth(ctx, video.StorageLocation, video.ObjectKey),
  };
};

/** Drops undefined fields so the stored JSON and the answers carry only what was given. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
