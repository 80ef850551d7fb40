import { type AliyunUploadTarget, vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { AliyunCredentials } from './aliyun-credentials.js';
import { OssProtocol, ossError } from './oss-protocol.js';

const now = 1_800_000_000_000;
const clock = { now: () => now, offsetMs: 0 };
/** The client is never asked for images: re-applying is the uploader's CreateUploadImage. */
const client = {
  now: () => now,
  post: () => Promise.reject(new Error('RefreshUploadVideo must not be called for an image')),
} as unknown as EndpointClient;

function image(id: string): AliyunUploadTarget {
  return {
    provider: 'aliyun',
    kind: 'image',
    imageId: id,
    imageUrl: `http://127.0.0.1/outin/image/${id}.jpg`,
    endpoint: 'http://127.0.0.1:9',
    bucket: 'outin-sandbox',
    objectKey: `image/${id}.jpg`,
    region: 'cn-shanghai',
    credential: { accessKeyId: `STS.${id}`, accessKeySecret: 's', securityToken: 't', expiresAt: now - 1 },
  };
}

describe('image credentials (CreateUploadImage cannot be refreshed)', () => {
  it.each([
    ['credential_expired', vodError('credential_expired', 'expired', { provider: 'aliyun' })],
    [
      'OSS SecurityTokenExpired',
      ossError('Part 1', {
        status: 403,
        code: 'SecurityTokenExpired',
        message: 'The security token expired.',
      }),
    ],
  ])(
    'an expired image credential (%s) applies for the image again, once for every part that saw it',
    async (_n, error) => {
      let applied = 0;
      const credentials = new AliyunCredentials(
        image('first'),
        client,
        () => {},
        'ticket-1',
        async () => {
          applied += 1;
          return { target: image('second'), ticket: 'ticket-2' };
        },
      );
      const protocol = new OssProtocol(credentials, clock);
      expect(await Promise.all([protocol.recover(error), protocol.recover(error)])).toEqual([true, true]);
      expect(applied).toBe(1);
      expect(credentials.target.imageId).toBe('second');
      expect(credentials.ticket).toBe('ticket-2');
    },
  );

  it('without a way to apply again, an expired image credential is not recovered', async () => {
    const credentials = new AliyunCredentials(image('only'), client, () => {});
    const protocol = new OssProtocol(credentials, clock);
    const error = vodError('credential_expired', 'expired', { provider: 'aliyun' });
    expect(await protocol.recover(error)).toBe(false);
    expect(credentials.target.imageId).toBe('only');
  });
});
