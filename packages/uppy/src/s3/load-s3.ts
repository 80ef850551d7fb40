/** Loads the S3 driver, a lazy chunk (S3 needs no SDK: the endpoint presigns every request). */
export function loadS3(): Promise<typeof import('./s3-driver.js')> {
  return import('./s3-driver.js');
}
