import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * One S3 request to presign, as `@uppy/aws-s3` 6 will send it. `contentLength` and `contentType`
 * become signed headers: S3 refuses a body of another length or type. A PutObject and a
 * CompleteMultipartUpload also sign `If-None-Match: *` (S3 conditional writes), so neither the PUT's
 * URL nor another multipart upload on the same key can replace an object once it is stored.
 */
export type S3Operation =
  | { kind: 'putObject'; key: string; contentLength: number; contentType: string; checksumCRC32C?: string }
  | { kind: 'createMultipartUpload'; key: string; contentType: string; checksumAlgorithm?: 'CRC32C' }
  | {
      kind: 'uploadPart';
      key: string;
      uploadId: string;
      partNumber: number;
      contentLength: number;
      checksumCRC32C?: string;
    }
  | { kind: 'listParts'; key: string; uploadId: string; partNumberMarker?: number }
  | { kind: 'completeMultipartUpload'; key: string; uploadId: string }
  | { kind: 'abortMultipartUpload'; key: string; uploadId: string }
  /** A read of a completed object: the `playUrl` of the media status route. */
  | { kind: 'getObject'; key: string };

/** @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html */
const CHECKSUM_HEADERS = new Set(['x-amz-checksum-crc32c', 'x-amz-checksum-algorithm']);

/**
 * The headers the browser must send with a presigned request, besides `Content-Type` and
 * `Content-Length`, because they are signed into it.
 */
export function signedHeadersOf(operation: S3Operation): Record<string, string> | undefined {
  switch (operation.kind) {
    case 'putObject':
      return {
        'if-none-match': '*',
        ...(operation.checksumCRC32C ? { 'x-amz-checksum-crc32c': operation.checksumCRC32C } : {}),
      };
    case 'uploadPart':
      return operation.checksumCRC32C ? { 'x-amz-checksum-crc32c': operation.checksumCRC32C } : undefined;
    case 'createMultipartUpload':
      return operation.checksumAlgorithm
        ? { 'x-amz-checksum-algorithm': operation.checksumAlgorithm }
        : undefined;
    case 'completeMultipartUpload':
      return { 'if-none-match': '*' };
    default:
      return undefined;
  }
}

/**
 * The presigned URL of one operation on `Bucket`, valid `expiresIn` seconds. Local: no request is
 * sent. One call per case: the presigner's generics do not accept a union of command types.
 */
export function presignS3Operation(
  client: S3Client,
  Bucket: string,
  operation: S3Operation,
  expiresIn: number,
): Promise<string> {
  // The checksum headers stay headers (signed, sent by the browser), not hoisted into the query:
  // S3 then checks the body against the signed value and refuses other bytes with BadDigest.
  const options = { expiresIn, unhoistableHeaders: CHECKSUM_HEADERS };
  // The presigner leaves Content-Type and If-None-Match unsigned unless told; Content-Length it
  // signs when set.
  const withType = { ...options, signableHeaders: new Set(['content-type', 'if-none-match']) };
  const conditional = { ...options, signableHeaders: new Set(['if-none-match']) };
  const Key = operation.key;
  switch (operation.kind) {
    case 'putObject': {
      const {
        contentLength: ContentLength,
        contentType: ContentType,
        checksumCRC32C: ChecksumCRC32C,
      } = operation;
      return getSignedUrl(
        client,
        new PutObjectCommand({ Bucket, Key, ContentLength, ContentType, ChecksumCRC32C, IfNoneMatch: '*' }),
        withType,
      );
    }
    case 'createMultipartUpload': {
      const { contentType: ContentType, checksumAlgorithm: ChecksumAlgorithm } = operation;
      return getSignedUrl(
        client,
        new CreateMultipartUploadCommand({ Bucket, Key, ContentType, ChecksumAlgorithm }),
        withType,
      );
    }
    case 'uploadPart': {
      const {
        uploadId: UploadId,
        partNumber: PartNumber,
        contentLength: ContentLength,
        checksumCRC32C: ChecksumCRC32C,
      } = operation;
      return getSignedUrl(
        client,
        new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, ContentLength, ChecksumCRC32C }),
        options,
      );
    }
    case 'getObject':
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key }), options);
    case 'listParts':
      return getSignedUrl(
        client,
        new ListPartsCommand({
          Bucket,
          Key,
          UploadId: operation.uploadId,
          ...(operation.partNumberMarker ? { PartNumberMarker: String(operation.partNumberMarker) } : {}),
        }),
        options,
      );
    case 'completeMultipartUpload':
      return getSignedUrl(
        client,
        new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: operation.uploadId, IfNoneMatch: '*' }),
        conditional,
      );
    case 'abortMultipartUpload':
      return getSignedUrl(
        client,
        new AbortMultipartUploadCommand({ Bucket, Key, UploadId: operation.uploadId }),
        options,
      );
  }
}
