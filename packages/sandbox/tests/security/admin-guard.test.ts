import { request } from 'node:http';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PAGE = 'http://127.0.0.1:5173';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, adminOrigins: [PAGE] });
});
afterAll(() => sandbox.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (fetch cannot set `Host`), as a DNS-rebound page's browser would send it. */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { port } = new URL(sandbox.url);
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const host = () => new URL(sandbox.url).host;

describe('the descriptor and the admin routes', () => {
  it('sandbox refuses a Host other than its own loopback address and port (DNS rebinding)', async () => {
    for (const other of [
      'evil.example',
      `evil.example:${new URL(sandbox.url).port}`,
      '127.0.0.1:1',
      '[::1]',
    ]) {
      const answer = await send('GET', '/_sandbox/descriptor', { host: other });
      expect([other, answer.status]).toEqual([other, 403]);
      expect(answer.body).not.toContain(sandbox.descriptor.aliyun.accessKeySecret);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const own = await send('GET', '/_sandbox/descriptor', { host: host() });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body).s3.secretAccessKey).toBe(sandbox.descriptor.s3.secretAccessKey);
  });

  it('sandbox refuses an Origin it was not told about, with no CORS headers, preflights included', async () => {
    const read = await send('GET', '/_sandbox/descriptor', { host: host(), origin: 'https://evil.example' });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain(sandbox.descriptor.tencent.secretKey);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await send('OPTIONS', '/_sandbox/faults', {
      host: host(),
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    const allowed = await send('GET', '/_sandbox/descriptor', { host: host(), origin: PAGE });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(PAGE);
    const allowedPreflight = await send('OPTIONS', '/_sandbox/faults', {
      host: host(),
      origin: PAGE,
      'access-control-request-method': 'POST',
    });
    expect(allowedPreflight.status).toBe(204);
    expect(allowedPreflight.headers['access-control-allow-headers']).toBe('content-type');
  });

  it('sandbox refuses admin POSTs that are not application/json (what an HTML form or a simple fetch sends)', async () => {
    const plan = JSON.stringify({ latencyMs: 5000 });
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ]) {
      const headers: Record<string, string> = { host: host() };
      if (type) headers['content-type'] = type;
      const answer = await send('POST', '/_sandbox/faults', headers, plan);
      expect([type, answer.status]).toEqual([type, 415]);
    }
    expect(sandbox.context.faults.current()).toEqual({});
    const expire = await send('POST', '/_sandbox/expire-credentials', { host: host() });
    expect(expire.status).toBe(415);

    const json = await send(
      'POST',
      '/_sandbox/faults',
      { host: host(), 'content-type': 'application/json' },
      '{}',
    );
    expect(json.status).toBe(200);
  });

  it('still serves the clouds to any origin (a bucket configured for browser uploads)', async () => {
    const preflight = await send('OPTIONS', `/${sandbox.descriptor.s3.bucket}/a.mp4`, {
      host: 'anything.example',
      origin: 'https://app.example',
      'access-control-request-method': 'PUT',
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
  });
});
