import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3CompletedPart } from '@vod-uploader/core';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { S3Config } from './s3-config.js';
import { presignS3Operation, type S3Operation } from './s3-operation.js';

/** What HeadObject says about a stored object. */
export interface S3ObjectInfo {
  key: string;
  size: number;
  eTag?: string;
  contentType?: string;
}

/**
 * Everything the endpoint needs from S3. Presigning is local (no network); the others are calls
 * and throw `CloudCallError`. Production uses `createS3Cloud`; tests may inject a fake.
 */
export interface S3Cloud {
  presign(operation: S3Operation, expiresInSeconds: number): Promise<string>;
  headObject(key: string): Promise<S3ObjectInfo>;
  /** Deletes an object (one that does not match what was declared); never signed for a client. */
  deleteObject(key: string): Promise<void>;
  /**
   * Completes a multipart upload from `parts`, refused by S3 unless the object is `objectSize` bytes
   * (`x-amz-mp-object-size`) and the key holds no object yet (`If-None-Match: *`). Answers the
   * object's ETag and, for an upload with checksums, its composite CRC32C.
   */
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: S3CompletedPart[],
    objectSize: number,
  ): Promise<{ eTag?: string; checksumCRC32C?: string }>;
  /**
   * Aborts every multipart upload still open on `key`. Asked once the key's object is complete,
   * when any left are orphans: a create whose answer was lost (the browser resends it) made one
   * nobody uses. Optional, for injected fakes.
   */
  abortOpenUploads?(key: string): Promise<void>;
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
      return presignS3Operation(client, Bucket, operation, expiresIn);
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
    async completeMultipartUpload(key, UploadId, parts, MpuObjectSize) {
      try {
        const answer = await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId,
            MpuObjectSize,
            // Another multipart upload on this key (its create URL replayed) cannot replace the object.
            IfNoneMatch: '*',
            MultipartUpload: {
              Parts: parts.map((p) => ({
                PartNumber: p.partNumber,
                ETag: p.etag,
                ...(p.checksumCRC32C ? { ChecksumCRC32C: p.checksumCRC32C } : {}),
              })),
            },
          }),
        );
        return {
          ...(answer.ETag ? { eTag: answer.ETag } : {}),
          ...(answer.ChecksumCRC32C ? { checksumCRC32C: answer.ChecksumCRC32C } : {}),
        };
      } catch (error) {
        throw toCloudCallError(error);
      }
    },
    async abortOpenUploads(key) {
      try {
        // Our keys are unique per upload, so one page (1,000 uploads) holds all of a key's.
        const listed = await client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: key }));
        const open = (listed.Uploads ?? []).filter((u) => u.Key === key && u.UploadId);
        for (const upload of open) {
          await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: upload.UploadId }));
        }
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
