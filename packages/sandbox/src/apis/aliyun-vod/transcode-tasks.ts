import type { VodAction } from './vod-action.js';
import { VodError } from './vod-error.js';
import { VIDEOS, type VideoRecord } from './vod-records.js';

/**
 * ListTranscodeTask: the transcode tasks of a video (the sandbox runs at most one per video, the
 * processing of its template group or workflow), without job details.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-listtranscodetask
 */
export const listTranscodeTask: VodAction = async (params, ctx) => {
  const video = ctx.state.get<VideoRecord>(VIDEOS, params.required('VideoId'));
  const task = video?.TranscodeTask;
  return {
    TranscodeTaskList: task && video ? [taskFields(video, task)] : [],
  };
};

/**
 * GetTranscodeTask: one task with its `TranscodeJobInfoList` (one `SD` job), whose `ErrorCode` and
 * `ErrorMessage` say why a failed transcode failed — the only read API that does.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-gettranscodetask
 */
export const getTranscodeTask: VodAction = async (params, ctx) => {
  const taskId = params.required('TranscodeTaskId');
  const video = ctx.state.list<VideoRecord>(VIDEOS).find((v) => v.TranscodeTask?.TranscodeTaskId === taskId);
  const task = video?.TranscodeTask;
  if (!video || !task)
    throw new VodError('InvalidParameter.TranscodeTaskId', 'The transcode task does not exist.');
  const failed = task.TaskStatus === 'CompleteAllFail';
  return {
    TranscodeTask: {
      ...taskFields(video, task),
      TranscodeJobInfoList: [
        {
          TranscodeJobId: `${taskId.slice(0, 24)}sd`,
          Definition: 'SD',
          TranscodeJobStatus: failed
            ? 'TranscodeFail'
            : task.TaskStatus === 'Processing'
              ? 'Transcoding'
              : 'TranscodeSuccess',
          TranscodeProgress: task.TaskStatus === 'Processing' ? 50 : 100,
          CreationTime: task.CreationTime,
          ...(task.CompleteTime ? { CompleteTime: task.CompleteTime } : {}),
          ErrorCode: failed ? (task.ErrorCode ?? '') : '',
          ErrorMessage: failed ? (task.ErrorMessage ?? '') : '',
        },
      ],
    },
  };
};

function taskFields(
  video: VideoRecord,
  task: NonNullable<VideoRecord['TranscodeTask']>,
): Record<string, unknown> {
  return {
    TranscodeTaskId: task.TranscodeTaskId,
    VideoId: video.VideoId,
    TaskStatus: task.TaskStatus,
    CreationTime: task.CreationTime,
    ...(task.CompleteTime ? { CompleteTime: task.CompleteTime } : {}),
    Trigger: 'Auto',
    TranscodeTemplateGroupId: video.TemplateGroupId ?? '',
  };
}
