import type { SandboxContext } from '../../http/api-module.js';
import type { RpcParams } from './rpc-params.js';
import { aliyunObjectUrl } from './video-processing.js';
import type { VodAction } from './vod-action.js';
import { VodError } from './vod-error.js';
import { readImage, readVideo, VIDEOS, type VideoRecord } from './vod-records.js';

async function videoOrFail(params: RpcParams, ctx: SandboxContext): Promise<VideoRecord> {
  const video = await readVideo(ctx, params.required('VideoId'));
  if (!video) throw new VodError('InvalidVideo.NotFound', 'The video does not exist.');
  return video;
}

const objectUrl = aliyunObjectUrl;

/**
 * GetVideoInfo: the video's fields, `Status` advanced from what OSS holds.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getvideoinfo
 */
export const getVideoInfo: VodAction = async (params, ctx) => {
  const video = await videoOrFail(params, ctx);
  return {
    Video: {
      VideoId: video.VideoId,
      Title: video.Title,
      Description: video.Description,
      Status: video.Status,
      Size: video.Size ?? 0,
      Duration: video.Duration ?? 0,
      CoverURL: video.CoverURL,
      CateId: video.CateId,
      Tags: video.Tags,
      TemplateGroupId: video.TemplateGroupId,
      StorageLocation: video.StorageLocation,
      AppId: video.AppId,
      CreationTime: video.CreationTime,
      ModificationTime: video.ModificationTime,
      RegionId: ctx.descriptor.aliyun.regionId,
      Snapshots: { Snapshot: [] },
    },
  };
};

/**
 * GetPlayInfo: the playable streams of a `Normal` video — the processing's output (`SD`), or the
 * source itself (`OD`) for a video uploaded without transcoding — and `VideoBase`. A video not yet
 * playable is `InvalidVideo.NoneStream`.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getplayinfo
 */
export const getPlayInfo: VodAction = async (params, ctx) => {
  const video = await videoOrFail(params, ctx);
  if (video.Status !== 'Normal') {
    throw new VodError('InvalidVideo.NoneStream', 'The video has no stream that can be played.');
  }
  const key = video.OutputKey ?? video.ObjectKey;
  const size = video.OutputKey ? (video.OutputSize ?? 0) : (video.Size ?? 0);
  return {
    VideoBase: {
      VideoId: video.VideoId,
      Title: video.Title,
      CoverURL: video.CoverURL ?? '',
      Duration: String(video.Duration ?? 0),
      Status: video.Status,
      MediaType: 'video',
      CreationTime: video.CreationTime,
      OutputType: 'oss',
    },
    PlayInfoList: {
      PlayInfo: [
        {
          PlayURL: objectUrl(ctx, video.StorageLocation, key),
          Definition: video.OutputKey ? 'SD' : 'OD',
          Format: key.slice(key.lastIndexOf('.') + 1) || 'mp4',
          Duration: String(video.Duration ?? 0),
          Size: size,
          Status: 'Normal',
          StreamType: 'video',
          Encrypt: 0,
          Bitrate: '0',
          Fps: '0',
          Height: 0,
          Width: 0,
          JobId: `${video.VideoId}-sandbox`,
          CreationTime: video.ModificationTime,
          ModificationTime: video.ModificationTime,
        },
      ],
    },
  };
};

/**
 * GetMezzanineInfo: the source file. Its `Status` is `Uploading` until the object is complete, then
 * `Normal`, as the cloud reports mezzanines.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getmezzanineinfo
 */
export const getMezzanineInfo: VodAction = async (params, ctx) => {
  const video = await videoOrFail(params, ctx);
  const uploaded = video.Status !== 'Uploading';
  return {
    Mezzanine: {
      VideoId: video.VideoId,
      FileName: video.OriginalFileName,
      FileURL: objectUrl(ctx, video.StorageLocation, video.ObjectKey),
      Size: video.Size ?? 0,
      Status: uploaded ? 'Normal' : 'Uploading',
      CreationTime: video.CreationTime,
      OutputType: 'oss',
    },
  };
};

/**
 * GetImageInfo.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getimageinfo
 */
export const getImageInfo: VodAction = async (params, ctx) => {
  const image = await readImage(ctx, params.required('ImageId'));
  if (!image) throw new VodError('InvalidImage.NotFound', 'The image does not exist.');
  return {
    ImageInfo: {
      ImageId: image.ImageId,
      ImageType: image.ImageType,
      Title: image.Title,
      Tags: image.Tags,
      CateId: image.CateId,
      Description: image.Description,
      StorageLocation: image.StorageLocation,
      AppId: image.AppId,
      URL: image.URL,
      CreationTime: image.CreationTime,
      Status: image.Status,
      Mezzanine: { OriginalFileName: image.OriginalFileName, FileURL: image.URL },
    },
  };
};

/**
 * DeleteVideo: `VideoIds` comma-separated (≤ 20); ids that do not exist come back in `NonExistVideoIds`.
 * Deletes the videos' objects too.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-deletevideo
 */
export const deleteVideo: VodAction = async (params, ctx) => {
  const ids = params
    .required('VideoIds')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length > 20) throw new VodError('InvalidParameter.VideoIds', 'At most 20 VideoIds may be given.');
  const missing: string[] = [];
  for (const id of ids) {
    const video = ctx.state.get<VideoRecord>(VIDEOS, id);
    if (!video) {
      missing.push(id);
      continue;
    }
    await ctx.store.deleteObject(video.StorageLocation, video.ObjectKey);
    for (const key of [video.OutputKey, video.SnapshotKey]) {
      if (key) await ctx.store.deleteObject(video.StorageLocation, key);
    }
    ctx.state.delete(VIDEOS, id);
  }
  return missing.length ? { NonExistVideoIds: missing } : {};
};
