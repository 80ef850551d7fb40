/** Loads the S3 uploader, a lazy chunk (S3 needs no SDK: the endpoint presigns every request). */
export function loadS3(): Promise<typeof import('./s3-uploader.js')> {
  return import('./s3-uploader.js');
}
