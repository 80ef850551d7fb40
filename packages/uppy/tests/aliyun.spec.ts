import { defineProviderSuite } from './support/provider-suite.js';

defineProviderSuite({
  provider: 'aliyun',
  bucketOf: (d) => (d.aliyun as { bucket: string }).bucket,
  partSize: 4 * 1024 * 1024,
  onExpiry: 'refresh',
  cover: true,
  createAction: 'CreateUploadVideo',
  initiateAction: 'InitiateMultipartUpload',
  sdkChunk: 'ali-oss',
  commitAction: 'GetVideoInfo',
  createRoute: '/aliyun/create-upload-video',
  finishRoute: '/aliyun/complete',
  checksum: 'crc64ecma',
  // VOD's STS upload policy grants puts only (the sandbox refuses DeleteObject to it, as OSS does).
  deletesObject: false,
});
