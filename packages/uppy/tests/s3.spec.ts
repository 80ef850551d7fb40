import { defineProviderSuite } from './support/provider-suite.js';

defineProviderSuite({
  provider: 's3',
  bucketOf: (d) => (d.s3 as { bucket: string }).bucket,
  partSize: 5 * 1024 * 1024,
  onExpiry: 'none',
  cover: true,
  createAction: 'CreateMultipartUpload',
  initiateAction: 'CreateMultipartUpload',
  finishRoute: '/s3/complete',
  checksum: 'crc32c',
  deletesObject: true,
});
