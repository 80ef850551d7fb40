import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderKey } from '@vod-uploader/core';
import { expect } from 'vitest';
import { type Answer, errorOf, listen } from '../harness.js';

/** A loopback port nothing listens on (bound, then closed): calls to it are refused at once. */
export async function deadPort(): Promise<number> {
  const dead = createServer();
  await listen(dead);
  const port = (dead.address() as AddressInfo).port;
  await new Promise<void>((done) => dead.close(() => done()));
  return port;
}

/** A loopback "cloud" that answers every call 503 with an HTML page, as a failing proxy does. */
export async function startOutage(): Promise<{ port: number; close(): Promise<void> }> {
  const broken = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/html' });
    res.end('<html>upstream down</html>');
  });
  await listen(broken);
  return {
    port: (broken.address() as AddressInfo).port,
    close: () => new Promise<void>((done) => broken.close(() => done())),
  };
}

/** The answer to a call the cloud refused for the server's own key: a safe 500 naming nothing of it. */
export function expectOwnKeyHidden(answer: Answer, provider: ProviderKey, secret: string): void {
  expect(answer.status).toBe(500);
  const error = errorOf(answer);
  expect(error).toMatchObject({ code: 'internal', provider, requestId: expect.any(String) });
  expect(error.cloudCode).toBeUndefined();
  expect(answer.text).not.toContain(secret);
}

/** The answer to a call whose cloud is unreachable or failing: 502, retryable. */
export function expectCloudUnavailable(answer: Answer, provider: ProviderKey): void {
  expect(answer.status).toBe(502);
  expect(errorOf(answer)).toMatchObject({ code: 'cloud_unavailable', provider, retryable: true });
}

/**
 * The answer relays the cloud's own refusal: `status`, the typed error with the cloud's code, and the
 * cloud's RequestId (what the cloud's support needs to find the call).
 */
export function expectCloudRefusal(
  answer: Answer,
  status: number,
  expected: { code: string; cloudCode: string } & Record<string, unknown>,
): void {
  expect(answer.status, answer.text).toBe(status);
  expect(errorOf(answer)).toMatchObject({ ...expected, requestId: expect.any(String) });
}
