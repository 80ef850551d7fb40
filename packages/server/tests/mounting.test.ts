import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createVodHandler,
  refuse,
  toExpressMiddleware,
  toNodeHandler,
  type VodHandler,
} from '@vod-uploader/server';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClouds } from './fake-clouds.js';
import { listen, readAnswer } from './harness.js';

const keys = {
  tencent: { secretId: 'AKIDmount', secretKey: 'tencent-mount-secret', region: 'ap-guangzhou' },
  aliyun: { accessKeyId: 'LTAImount', accessKeySecret: 'aliyun-mount-secret', regionId: 'cn-shanghai' },
  s3: { accessKeyId: 'AKIAMOUNT', secretAccessKey: 's3-mount-secret-key', region: 'us-east-1', bucket: 'b' },
};

const handler: VodHandler = createVodHandler({
  ...keys,
  authorize: (request) =>
    request.headers.get('authorization') === 'Bearer ok' ? { id: 'u' } : refuse('unauthorized'),
  cors: { origins: ['https://app.example'] },
  policy: { maxFileSize: 1000 },
  clouds: fakeClouds(),
  onError: () => {},
});

/** The plain web way: buffer the body, build a `Request`, write the `Response` (no package adapter). */
function webWrapper(web: VodHandler) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = new Headers(req.headers as Record<string, string>);
    const response = await web(
      new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        ...(body && req.method !== 'GET' ? { body } : {}),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

const servers: Server[] = [];
const mounts: Record<string, string> = {};

beforeAll(async () => {
  const expressApp = express();
  expressApp.use('/api/vod', toExpressMiddleware(handler));
  const parsedApp = express();
  parsedApp.use(express.json());
  parsedApp.use('/api/vod', toExpressMiddleware(handler));
  for (const [name, listener] of [
    ['web', webWrapper(handler)],
    ['node', toNodeHandler(handler)],
    ['express', expressApp],
    ['express+json', parsedApp],
  ] as const) {
    const server = await listen(createServer(listener as Parameters<typeof createServer>[1] & object));
    servers.push(server);
    mounts[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/vod`;
  }
});
afterAll(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
    ),
  );
});

const ok = { authorization: 'Bearer ok', 'content-type': 'application/json' };

const REQUESTS: Array<{ method: string; path: string; body?: string; headers?: Record<string, string> }> = [
  { method: 'POST', path: '/tencent/apply-upload', body: '{"mediaType":"mp4","fileSize":10}', headers: ok },
  { method: 'POST', path: '/tencent/commit-upload', body: '{"vodSessionKey":"k"}', headers: ok },
  { method: 'POST', path: '/tencent/pull-upload', body: '{"mediaUrl":"https://x.test/a.mp4"}', headers: ok },
  { method: 'GET', path: '/tencent/tasks/task-1', headers: ok },
  {
    method: 'POST',
    path: '/aliyun/create-upload-video',
    body: '{"fileName":"a.mp4","fileSize":1}',
    headers: ok,
  },
  {
    method: 'POST',
    path: '/aliyun/create-upload-image',
    body: '{"imageType":"cover","imageExt":"png","fileSize":1}',
    headers: ok,
  },
  { method: 'POST', path: '/aliyun/refresh-upload-video', body: '{"videoId":"v1"}', headers: ok },
  { method: 'POST', path: '/aliyun/url-import', body: '{"mediaUrl":"https://x.test/b.mov"}', headers: ok },
  { method: 'GET', path: '/aliyun/url-import/job-1', headers: ok },
  { method: 'POST', path: '/s3/sign', body: '{"method":"GET","key":"a.mp4"}', headers: ok },
  { method: 'POST', path: '/s3/complete', body: '{"key":"uploads/x"}', headers: ok },
  { method: 'POST', path: '/tencent/apply-upload', body: '{"mediaType":"exe"}', headers: ok },
  { method: 'POST', path: '/tencent/apply-upload', body: '{"mediaType":"mp4","fileSize":1001}', headers: ok },
  { method: 'POST', path: '/tencent/apply-upload', body: '{"mediaType":"mp4","procedure":"p"}', headers: ok },
  {
    method: 'POST',
    path: '/tencent/apply-upload',
    body: '{"mediaType":"mp4"}',
    headers: { 'content-type': 'application/json' },
  },
  { method: 'POST', path: '/tencent/apply-upload', body: '{"mediaType":', headers: ok },
  {
    method: 'POST',
    path: '/tencent/apply-upload',
    body: `{"mediaName":"${'x'.repeat(70_000)}"}`,
    headers: ok,
  },
  { method: 'POST', path: '/nope', body: '{}', headers: ok },
  {
    method: 'OPTIONS',
    path: '/s3/sign',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
  },
  {
    method: 'POST',
    path: '/tencent/apply-upload',
    body: '{"mediaType":"exe"}',
    headers: { ...ok, origin: 'https://app.example' },
  },
];

async function answerOf(base: string, request: (typeof REQUESTS)[number]) {
  const answer = await readAnswer(
    await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
    }),
  );
  if (answer.json && 'serverTime' in answer.json) answer.json.serverTime = 0;
  const header = (name: string) => answer.headers.get(name);
  return {
    status: answer.status,
    json: answer.json,
    contentType: header('content-type'),
    cacheControl: header('cache-control'),
    cors: [header('access-control-allow-origin'), header('access-control-allow-methods')],
  };
}

describe('the handler mounted three ways', () => {
  it('gives the same answers as a web handler, through node:http and through Express', async () => {
    const seen = new Set<number>();
    for (const request of REQUESTS) {
      const web = await answerOf(mounts.web!, request);
      seen.add(web.status);
      expect(await answerOf(mounts.node!, request), `${request.method} ${request.path}`).toEqual(web);
      expect(await answerOf(mounts.express!, request), `${request.method} ${request.path}`).toEqual(web);
    }
    // The list covers success, preflight and every refusal status.
    expect([...seen].sort()).toEqual([200, 204, 400, 401, 404, 413]);
  });

  it('also works behind express.json() for valid bodies', async () => {
    for (const request of REQUESTS.filter((r) => r.headers === ok && r.body && r.body.length < 1000)) {
      if (request.body === '{"mediaType":') continue; // express.json() answers that one itself
      expect(await answerOf(mounts['express+json']!, request)).toEqual(await answerOf(mounts.web!, request));
    }
  });

  it('answers success with the raw cloud result and the server time', async () => {
    const answer = await readAnswer(
      await fetch(`${mounts.node}/tencent/apply-upload`, {
        method: 'POST',
        headers: ok,
        body: '{"mediaType":".MP4","fileSize":10,"mediaName":"n"}',
      }),
    );
    expect(answer.json.result).toEqual({
      Response: {
        Action: 'ApplyUpload',
        Echo: { MediaType: 'mp4', MediaName: 'n' },
        RequestId: 'tencent-req',
      },
    });
    expect(Math.abs(answer.json.serverTime - Date.now())).toBeLessThan(5_000);
  });
});
