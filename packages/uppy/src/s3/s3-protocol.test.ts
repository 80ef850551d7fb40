import { ENDPOINT_ROUTES } from '@vod-uploader/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { S3Protocol } from './s3-protocol.js';

const parts = [
  { partNumber: 1, etag: '"a"', size: 5, checksum: 'AAAAAQ==' },
  { partNumber: 2, etag: '"b"', size: 1, checksum: 'AAAAAg==' },
];

/** An endpoint that records its calls; `routed: false` is one that serves only `/s3/sign`. */
function endpoint(routed: boolean) {
  const calls: { route: string; body: Record<string, unknown> }[] = [];
  const client = {
    postIfRouted: async (route: string, body: Record<string, unknown>) => {
      calls.push({ route, body });
      return routed
        ? { result: { key: 'k', size: 6, checksumCRC32C: 'ZZZZZQ==-2' }, ticket: 'media' }
        : undefined;
    },
    post: async (route: string, body: Record<string, unknown>) => {
      calls.push({ route, body });
      return { url: 'https://bucket.example/k?uploadId=u&X-Amz-Signature=s' };
    },
  } as unknown as EndpointClient;
  return { client, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('S3Protocol.complete', () => {
  it('has the endpoint complete the upload from the parts list, and keeps its answer as the finish', async () => {
    const fetched = vi.fn();
    vi.stubGlobal('fetch', fetched);
    const { client, calls } = endpoint(true);
    const protocol = new S3Protocol(client, { fileName: 'a.mp4', fileSize: 6, partSize: 5 }, 'k', 'ticket');
    expect(await protocol.complete('u', parts)).toEqual({ checksum: 'ZZZZZQ==-2' });
    expect(calls).toEqual([
      {
        route: ENDPOINT_ROUTES.s3Complete,
        body: {
          key: 'k',
          ticket: 'ticket',
          uploadId: 'u',
          parts: [
            { partNumber: 1, etag: '"a"', checksumCRC32C: 'AAAAAQ==' },
            { partNumber: 2, etag: '"b"', checksumCRC32C: 'AAAAAg==' },
          ],
        },
      },
    ]);
    expect(fetched).not.toHaveBeenCalled();
    expect(protocol.completed).toMatchObject({ ticket: 'media' });
  });

  it('completes from the browser, on a Complete the endpoint signs, when the endpoint has no /s3/complete', async () => {
    const sent: { url: string; body: string }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
      sent.push({ url, body: init.body });
      return new Response(
        '<CompleteMultipartUploadResult><ChecksumCRC32C>YYYYYQ==-2</ChecksumCRC32C></CompleteMultipartUploadResult>',
      );
    });
    const { client, calls } = endpoint(false);
    const protocol = new S3Protocol(client, { fileName: 'a.mp4', fileSize: 6, partSize: 5 }, 'k', 'ticket');
    expect(await protocol.complete('u', parts)).toEqual({ checksum: 'YYYYYQ==-2' });
    expect(calls.map((c) => c.route)).toEqual([ENDPOINT_ROUTES.s3Complete, ENDPOINT_ROUTES.s3Sign]);
    expect(calls[1]?.body).toMatchObject({ method: 'POST', key: 'k', uploadId: 'u', ticket: 'ticket' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain(
      '<Part><PartNumber>2</PartNumber><ETag>&quot;b&quot;</ETag><ChecksumCRC32C>AAAAAg==</ChecksumCRC32C></Part>',
    );
    expect(protocol.completed).toBeUndefined();
  });
});
