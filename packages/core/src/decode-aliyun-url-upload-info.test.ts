import { describe, expect, it } from 'vitest';
import { caught, failedField } from '../tests/fixtures/caught.js';
import { aliyunError, aliyunUrlUploadInfos } from '../tests/fixtures/cloud-results.js';
import { decodeAliyunUrlUploadInfo } from './index.js';

describe('decodeAliyunUrlUploadInfo', () => {
  it.each([
    ['PENDING', 'waiting'],
    ['PROCESSING', 'processing'],
    ['DOWNLOADING', 'processing'],
    ['DOWNLOAD_SUCCESS', 'processing'],
    ['UPLOADING', 'processing'],
  ])('maps %s to %s', (status, state) => {
    expect(decodeAliyunUrlUploadInfo(aliyunUrlUploadInfos([{ Status: status }]))).toEqual({ state });
  });

  it.each(['SUCCESS', 'UPLOAD_SUCCESS', 'Normal'])('maps %s to succeeded with the MediaId', (status) => {
    const raw = aliyunUrlUploadInfos([{ Status: status, MediaId: '5014ca70f08171ecbf940764a0fd6***' }]);
    expect(decodeAliyunUrlUploadInfo(raw)).toEqual({
      state: 'succeeded',
      mediaId: '5014ca70f08171ecbf940764a0fd6***',
    });
  });

  it('maps a failed download to failed with ErrorCode and ErrorMessage', () => {
    const raw = aliyunUrlUploadInfos([
      { Status: 'DOWNLOAD_FAIL', ErrorCode: 'DownloadFailed', ErrorMessage: '源站返回 404' },
    ]);
    expect(decodeAliyunUrlUploadInfo(raw)).toEqual({
      state: 'failed',
      cloudCode: 'DownloadFailed',
      message: '源站返回 404',
    });
  });

  it('reports the job asked for when several are listed', () => {
    const raw = aliyunUrlUploadInfos([
      { JobId: 'a', Status: 'PROCESSING' },
      { JobId: 'b', Status: 'SUCCESS', MediaId: 'media-b' },
    ]);
    expect(decodeAliyunUrlUploadInfo(raw, { jobId: 'b' })).toEqual({
      state: 'succeeded',
      mediaId: 'media-b',
    });
  });

  it('throws not_found for a job that is not listed', () => {
    const error = caught(() => decodeAliyunUrlUploadInfo(aliyunUrlUploadInfos([], ['gone'])));
    expect(error.code).toBe('not_found');
    expect(error.requestId).toBe('25818875-5F78-4AF6-D7393642CA58****');
  });

  it.each([
    ['URLUploadInfoList.0.Status', aliyunUrlUploadInfos([{ Status: 'EXPLODED' }])],
    ['URLUploadInfoList.0.Status', aliyunUrlUploadInfos([{ Status: 3 }])],
    ['URLUploadInfoList.0.MediaId', aliyunUrlUploadInfos([{ Status: 'SUCCESS' }])],
    ['URLUploadInfoList', { RequestId: 'r', URLUploadInfoList: 'none' }],
    ['URLUploadInfoList.0', { RequestId: 'r', URLUploadInfoList: [null] }],
  ])('names %s when it is wrong', (field, raw) => {
    expect(failedField(() => decodeAliyunUrlUploadInfo(raw))).toBe(field);
  });

  it('turns the error envelope into cloud_refused', () => {
    const error = caught(() => decodeAliyunUrlUploadInfo(aliyunError('Forbidden.RAM', 'denied')));
    expect(error).toMatchObject({ code: 'cloud_refused', cloudCode: 'Forbidden.RAM' });
  });
});
