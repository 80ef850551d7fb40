import { type S3SignResponse, vodError } from '@vod-uploader/core';
import type { z } from 'zod';
import { extensionOf } from './media-extensions.js';
import { parseWith } from './parse-with.js';
import { s3CompleteSchema, s3SignSchema } from './request-schemas.js';
import type { ResolvedConfig } from './resolve-config.js';
import type { RouteContext, RouteFn } from './route-context.js';
import { type S3Operation, signedHeadersOf } from './s3.js';
import type { ServerRouteName } from './server-routes.js';

type S3SignBody = z.output<typeof s3SignSchema>;

/**
 * The S3 routes. `/s3/sign` is `@uppy/aws-s3` 6's `signRequest` on the server: it picks the key on
 * PUT and create, and signs every later step only for keys it generated for this caller.
 */
export const s3Routes: Partial<Record<ServerRouteName, RouteFn>> = {
  async s3Sign(context) {
    const s3 = s3Of(context);
    const body = parseWith(s3SignSchema, await context.body());
    const operation = operationFor(context, s3, body);
    const url = await s3.cloud.presign(operation, s3.expiresIn);
    const answer: S3SignResponse = { url };
    const signedHeaders = signedHeadersOf(operation);
    if (signedHeaders) answer.headers = { ...answer.headers, ...signedHeaders };
    // @uppy/aws-s3 takes `key` as the real key only on PutObject and CreateMultipartUpload.
    if (operation.kind === 'putObject' || operation.kind === 'createMultipartUpload')
      answer.key = operation.key;
    return answer;
  },

  async s3Complete(context) {
    const s3 = s3Of(context);
    const body = parseWith(s3CompleteSchema, await context.body());
    checkOwned(context, s3, body.key);
    const info = await s3.cloud.headObject(body.key);
    await context.config.uploaded({
      provider: 's3',
      mediaId: body.key,
      kind: 'object',
      caller: context.caller,
      raw: info,
    });
    return info;
  },
};

function operationFor(context: RouteContext, s3: S3Of, body: S3SignBody): S3Operation {
  const { method, uploadId, partNumber } = body;
  if (!uploadId) {
    if (method === 'PUT' || method === 'POST') {
      const key = newKey(context, s3, body);
      if (method === 'PUT') return { kind: 'putObject', key, ...checksumOf(body) };
      const { checksumAlgorithm } = body;
      return { kind: 'createMultipartUpload', key, ...(checksumAlgorithm ? { checksumAlgorithm } : {}) };
    }
    throw vodError('policy_refused', `method: ${method} without uploadId is not served (only uploads are)`, {
      field: 'method',
    });
  }
  checkOwned(context, s3, body.key);
  const { key } = body;
  switch (method) {
    case 'PUT':
      if (partNumber === undefined) {
        throw vodError('request_invalid', 'partNumber: required to sign an upload part', {
          field: 'partNumber',
        });
      }
      return { kind: 'uploadPart', key, uploadId, partNumber, ...checksumOf(body) };
    case 'GET':
      return { kind: 'listParts', key, uploadId };
    case 'POST':
      return { kind: 'completeMultipartUpload', key, uploadId };
    case 'DELETE':
      return { kind: 'abortMultipartUpload', key, uploadId };
  }
}

/** The CRC32C a PUT is signed with, when the browser sent one. */
function checksumOf(body: S3SignBody): { checksumCRC32C?: string } {
  return body.checksumCRC32C ? { checksumCRC32C: body.checksumCRC32C } : {};
}

type S3Of = NonNullable<ResolvedConfig['s3']>;

function s3Of(context: RouteContext): S3Of {
  // The handler only routes here when S3 is configured.
  return context.config.s3!;
}

/** Checks the file against the policy and generates its key; the client's key is only a name. */
function newKey(context: RouteContext, s3: S3Of, body: S3SignBody): string {
  const { policy } = context.config;
  const fileName = body.fileName ?? body.key;
  const extension = extensionOf(fileName);
  if (!extension) {
    throw vodError('policy_refused', 'fileName: must end with the file extension, e.g. video.mp4', {
      field: 'fileName',
    });
  }
  try {
    policy.checkMediaExtension(extension, 'fileName');
  } catch (mediaRefusal) {
    // Covers and thumbnails go to the same bucket as the videos.
    try {
      policy.checkImageExtension(extension, 'fileName');
    } catch {
      throw mediaRefusal;
    }
  }
  policy.checkFileSize(body.fileSize);
  return s3.keys.generate(context.caller.id, fileName, context.now);
}

function checkOwned(context: RouteContext, s3: S3Of, key: string): void {
  if (!s3.keys.owns(context.caller.id, key)) {
    throw vodError('policy_refused', 'key: not a key this server generated for you', { field: 'key' });
  }
}
