import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
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

  it('maps a FINISHed task with an error to failed with ErrCodeExt and Message', () => {
    const raw = tencentPullTask('FINISH', {
      ErrCode: 10,
      ErrCodeExt: 'FailedOperation.DownloadFailed',
      Message: 'download failed',
      FileId: '',
    });
    expect(decodeTencentTask(raw)).toEqual({
      state: 'failed',
      cloudCode: 'FailedOperation.DownloadFailed',
      message: 'download failed',
    });
  });

  it('falls back to String(ErrCode) when there is no ErrCodeExt', () => {
    const raw = tencentPullTask('FINISH', { ErrCode: 70000, Message: 'internal' });
    expect(decodeTencentTask(raw)).toMatchObject({ state: 'failed', cloudCode: '70000' });
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
    const error = caught(() => decodeTencentTask(raw));
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe(field);
  });

  it('turns an error result into cloud_refused', () => {
    const error = caught(() =>
      decodeTencentTask(tencentError('InvalidParameterValue.TaskId', 'no such task')),
    );
    expect(error).toMatchObject({ code: 'cloud_refused', cloudCode: 'InvalidParameterValue.TaskId' });
  });
});
