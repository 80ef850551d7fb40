import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { S3Config } from './s3-config.js';

/**
 * One S3 request to presign, as `@uppy/aws-s3` 6 will send it. `contentLength` and `contentType`
 * become signed headers: S3 refuses a body of another length or type. A PutObject also signs
 * `If-None-Match: *` (S3 conditional writes), so it cannot overwrite an object it already stored.
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
  | { kind: 'listParts'; key: string; uploadId: string }
  | { kind: 'completeMultipartUpload'; key: string; uploadId: string }
  | { kind: 'abortMultipartUpload'; key: string; uploadId: string };

/** What HeadObject says about a stored object. */
export interface S3ObjectInfo {
  key: string;
  size: number;
  eTag?: string;
  contentType?: string;
}

/**
 * Everything the endpoint needs from S3. Presigning is local (no network); `headObject` is a call
 * and throws `CloudCallError`. Production uses `createS3Cloud`; tests may inject a fake.
 */
export interface S3Cloud {
  presign(operation: S3Operation, expiresInSeconds: number): Promise<string>;
  headObject(key: string): Promise<S3ObjectInfo>;
  /** Deletes an object (one that does not match what was declared); never signed for a client. */
  deleteObject(key: string): Promise<void>;
}

/** The S3 layer over `@aws-sdk/client-s3` and `@aws-sdk/s3-request-presigner`. */
export function createS3Cloud(config: S3Config): S3Cloud {
  const client = new S3Client({
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? false,
    // Browsers send parts without SDK checksums; signing one in would make the URL unusable.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  return {
    presign(operation, expiresIn) {
      return presign(client, Bucket, operation, expiresIn);
    },
    async headObject(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          key,
          size: head.ContentLength ?? 0,
          ...(head.ETag ? { eTag: head.ETag } : {}),
          ...(head.ContentType ? { contentType: head.ContentType } : {}),
        };
      } catch (error) {
        throw toCloudCallError(error);
      }
    },
    async deleteObject(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (error) {
        throw toCloudCallError(error);
      }
    },
  };
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html */
const CHECKSUM_HEADERS = new Set(['x-amz-checksum-crc32c', 'x-amz-checksum-algorithm']);

/** The headers the browser must send with a presigned request, because they are signed into it. */
export function signedHeadersOf(operation: S3Operation): Record<string, string> | undefined {
  if ((operation.kind === 'putObject' || operation.kind === 'uploadPart') && operation.checksumCRC32C)
    return { 'x-amz-checksum-crc32c': operation.checksumCRC32C };
  if (operation.kind === 'createMultipartUpload' && operation.checksumAlgorithm)
    return { 'x-amz-checksum-algorithm': operation.checksumAlgorithm };
  return undefined;
}

// One call per case: the presigner's generics do not accept a union of command types.
function presign(
  client: S3Client,
  Bucket: string,
  operation: S3Operation,
  expiresIn: number,
): Promise<string> {
  // The checksum headers stay headers (signed, sent by the browser), not hoisted into the query:
  // S3 then checks the body against the signed value and refuses other bytes with BadDigest.
  const options = { expiresIn, unhoistableHeaders: CHECKSUM_HEADERS };
  // The presigner leaves Content-Type unsigned unless told; Content-Length it signs when set.
  const withType = { ...options, signableHeaders: new Set(['content-type', 'if-none-match']) };
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
        new PutObjectCommand({ Bucket, Key, ContentLength, ContentType, ChecksumCRC32C }),
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
    case 'listParts':
      return getSignedUrl(
        client,
        new ListPartsCommand({ Bucket, Key, UploadId: operation.uploadId }),
        options,
      );
    case 'completeMultipartUpload':
      return getSignedUrl(
        client,
        new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: operation.uploadId }),
        options,
      );
    case 'abortMultipartUpload':
      return getSignedUrl(
        client,
        new AbortMultipartUploadCommand({ Bucket, Key, UploadId: operation.uploadId }),
        options,
      );
  }
}

function toCloudCallError(error: unknown): CloudCallError {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    // HEAD answers carry no body, so a missing object arrives as a bare 404 named 'NotFound'.
    return new CloudCallError('s3', status === 404 ? 'No such object.' : error.name, {
      cloudCode: error.name,
      requestId: error.$metadata.requestId,
      httpStatus: status,
      cause: error,
    });
  }
  return new CloudCallError('s3', 'S3 call failed', { cause: error });
}
