import { defineProviderSuite } from './support/provider-suite.js';

defineProviderSuite({
  provider: 'tencent',
  bucketOf: (d) => (d.tencent as { bucket: string }).bucket,
  partSize: 4 * 1024 * 1024,
  onExpiry: 'restart',
  cover: true,
  createAction: 'ApplyUpload',
  initiateAction: 'InitiateMultipartUpload',
  sdkChunk: 'cos-js-sdk-v5',
  commitAction: 'CommitUpload',
  createRoute: '/tencent/apply-upload',
  finishRoute: '/tencent/commit-upload',
  checksum: 'crc64ecma',
  deletesObject: true,
});
