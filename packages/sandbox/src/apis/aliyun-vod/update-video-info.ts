import { httpUrl, integer, maxLength, tags } from './param-rules.js';
import { withoutUndefined } from './upload-video.js';
import type { VodAction } from './vod-action.js';
import { VodError } from './vod-error.js';
import { readVideo, VIDEOS, type VideoRecord, vodTime } from './vod-records.js';

/**
 * UpdateVideoInfo: changes a video's `Title`, `Description`, `CoverURL`, `CateId`, `Tags`; fields not
 * given keep their values. Answers only the `RequestId`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-updatevideoinfo
 */
export const updateVideoInfo: VodAction = async (params, ctx) => {
  const video = await readVideo(ctx, params.required('VideoId'));
  if (!video) throw new VodError('InvalidVideo.NotFound', 'The video does not exist.');
  const changes = withoutUndefined<Partial<VideoRecord>>({
    Title: maxLength(params, 'Title', 128),
    Description: maxLength(params, 'Description', 1024),
    CoverURL: httpUrl(params, 'CoverURL'),
    CateId: integer(params, 'CateId'),
    Tags: tags(params),
  });
  ctx.state.put(VIDEOS, video.VideoId, {
    ...video,
    ...changes,
    ModificationTime: vodTime(ctx.clock.now()),
  });
  return {};
};
