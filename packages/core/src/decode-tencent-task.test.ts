import { describe, expect, it } from 'vitest';
import { caught, failedField } from '../tests/fixtures/caught.js';
import { tencentError, tencentPullTask } from '../tests/fixtures/cloud-results.js';
import { decodeTencentTask } from './index.js';

describe('decodeTencentTask', () => {
  it('maps WAITING and PROCESSING', () => {
    expect(decodeTencentTask(tencentPullTask('WAITING'))).toEqual({ state: 'waiting' });
    expect(decodeTencentTask(tencentPullTask('PROCESSING'))).toEqual({ state: 'processing' });
  });

  it('maps a FINISHed task with ErrCode 0 to succeeded with its FileId', () => {
    expect(decodeTencentTask(tencentPullTask('FINISH'))).toEqual({
      state: 'succeeded',
      mediaId: '5285485487985271488',
    });
  });

  it('maps a FINISHed task with an ErrCode to failed with String(ErrCode) and Message', () => {
    const raw = tencentPullTask('FINISH', { ErrCode: 60000, Message: 'source file error', FileId: '' });
    expect(decodeTencentTask(raw)).toEqual({
      state: 'failed',
      cloudCode: '60000',
      message: 'source file error',
    });
  });

  it('prefers a textual ErrCodeExt when the task carries one', () => {
    const raw = tencentPullTask('FINISH', { ErrCode: 10, ErrCodeExt: 'FailedOperation.DownloadFailed' });
    expect(decodeTencentTask(raw)).toEqual({ state: 'failed', cloudCode: 'FailedOperation.DownloadFailed' });
  });

  it.each([
    ['Response.Status', tencentPullTask('DONE')],
    ['Response.TaskType', { Response: { ...tencentPullTask('FINISH').Response, TaskType: 'Procedure' } }],
    [
      'Response.PullUploadTask',
      { Response: { ...tencentPullTask('FINISH').Response, PullUploadTask: null } },
    ],
    ['Response.PullUploadTask.FileId', tencentPullTask('FINISH', { FileId: '' })],
    ['Response.PullUploadTask.ErrCode', tencentPullTask('FINISH', { ErrCode: 'bad' })],
  ])('names %s when it is wrong', (field, raw) => {
    expect(failedField(() => decodeTencentTask(raw))).toBe(field);
  });

  it('turns an error result into cloud_refused', () => {
    const error = caught(() =>
      decodeTencentTask(tencentError('InvalidParameterValue.TaskId', 'no such task')),
    );
    expect(error).toMatchObject({ code: 'cloud_refused', cloudCode: 'InvalidParameterValue.TaskId' });
  });
});
