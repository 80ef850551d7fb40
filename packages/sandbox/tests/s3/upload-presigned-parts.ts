import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Fixture } from './s3-fixture.js';

/**
 * A multipart upload of `Key` whose parts travel as a browser sends them, on presigned UploadPart
 * URLs: creates the upload, presigns part N for the Nth of `parts`, lets `put` send it (fetch in
 * Node, or from a page) and hand back the ETag it read, then completes the upload with those ETags.
 * The SDK signs and completes; only the part bodies go another way, which is what the tests check.
 */
export async function uploadPresignedParts<P>(
  f: S3Fixture,
  Key: string,
  parts: readonly P[],
  put: (url: string, part: P, partNumber: number) => Promise<string>,
): Promise<void> {
  const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: f.bucket, Key }));
  const Parts = [];
  for (const [i, part] of parts.entries()) {
    const PartNumber = i + 1;
    const command = new UploadPartCommand({ Bucket: f.bucket, Key, UploadId, PartNumber });
    const url = await getSignedUrl(f.s3, command, { expiresIn: 600 });
    Parts.push({ PartNumber, ETag: await put(url, part, PartNumber) });
  }
  await f.s3.send(
    new CompleteMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId, MultipartUpload: { Parts } }),
  );
}
