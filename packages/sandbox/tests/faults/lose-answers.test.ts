import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { signCosRequest } from '../support/sign-cos-request.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A signed COS PutObject (account key): the status it answered, or `dropped` when no answer came. */
async function put(key: string, body: Buffer): Promise<number | 'dropped'> {
  const { tencent } = sandbox.descriptor;
  const keys = { SecretId: tencent.secretId, SecretKey: tencent.secretKey };
  const signed = signCosRequest(sandbox.descriptor, keys, 'PUT', key);
  try {
    const answer = await fetch(signed.url, {
      method: 'PUT',
      headers: signed.headers,
      body: body as BodyInit,
    });
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return 'dropped';
  }
}

async function storedSize(key: string): Promise<number | undefined> {
  const { adminUrl, tencent } = sandbox.descriptor;
  const answer = await fetch(`${adminUrl}/objects?bucket=${tencent.bucket}&key=${key}`);
  if (answer.status !== 200) return undefined;
  return ((await answer.json()) as { size: number }).size;
}

it('loseAnswers: the body is stored, the connection drops instead of the answer, the next is answered', async () => {
  sandbox.context.faults.set({ loseAnswers: { count: 1 } });
  const body = Buffer.alloc(64 * 1024, 7);

  expect(await put('lost/a.bin', body)).toBe('dropped');
  expect(await storedSize('lost/a.bin')).toBe(body.length);
  expect(sandbox.context.log.list().some((r) => r.fault === 'answer-lost')).toBe(true);

  expect(await put('lost/b.bin', body)).toBe(200);
  expect(await storedSize('lost/b.bin')).toBe(body.length);
});
