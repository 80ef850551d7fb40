import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import {
  configFromSandboxDescriptor,
  createVodHandler,
  toNodeHandler,
  type UploadedEvent,
  type VodHandler,
  type VodHandlerConfig,
} from '@vod-uploader/server';
import { expect } from 'vitest';

/** One answer of the endpoint, as a browser would see it. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read into the JSON freely
  json: any;
}

/** A sandbox, the handler configured from its descriptor, and that handler served over node:http. */
export interface Harness {
  sandbox: Sandbox;
  handler: VodHandler;
  /** `http://127.0.0.1:PORT/api/vod` */
  endpoint: string;
  uploaded: UploadedEvent[];
  /** Every permanent key the handler holds: no answer may ever contain one. */
  secrets: string[];
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

export type HarnessOverrides = Partial<Omit<VodHandlerConfig, 'authorize' | 'allowAnyone'>> &
  (
    | { authorize?: VodHandlerConfig['authorize']; allowAnyone?: undefined }
    | { allowAnyone?: true; authorize?: undefined }
  );

/** A resolver for tests: every host name has one public address (no DNS query is made). */
export const resolvePublic = async (): Promise<string[]> => ['93.184.215.14'];

/** Starts everything; the handler lets anyone in unless `authorize` is given. */
export async function startHarness(
  overrides: HarnessOverrides = {},
  options: { legacyV2?: boolean; sandbox?: Sandbox } = {},
): Promise<Harness> {
  const sandbox = options.sandbox ?? (await startSandbox({ port: 0 }));
  const uploaded: UploadedEvent[] = [];
  const providers = configFromSandboxDescriptor(sandbox.descriptor, { legacyV2: options.legacyV2 === true });
  const { authorize, allowAnyone: _ignored, ...rest } = overrides;
  const config = {
    ...providers,
    onUploaded: (event: UploadedEvent) => {
      uploaded.push(event);
    },
    onError: () => {},
    ...rest,
    // No test may resolve names through real DNS: every name is a public address unless a test says.
    policy: { ...rest.policy, urlImport: { resolveHost: resolvePublic, ...rest.policy?.urlImport } },
    ...(authorize ? { authorize } : { allowAnyone: true as const }),
  } as VodHandlerConfig;
  const handler = createVodHandler(config);
  const server = await listen(createServer(toNodeHandler(handler)));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/vod`;
  const d = sandbox.descriptor;
  // The S3 access key id is public by design (every presigned URL names it in X-Amz-Credential);
  // the Tencent and Alibaba ids never need to leave the server, so they are checked too.
  const secrets = [
    d.tencent.secretKey,
    d.tencent.secretId,
    d.aliyun.accessKeySecret,
    d.aliyun.accessKeyId,
    d.s3.secretAccessKey,
  ];
  return {
    sandbox,
    handler,
    endpoint,
    uploaded,
    secrets,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body =
          typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const answer = await readAnswer(await fetch(`${endpoint}${path}`, init));
      expectNoSecret(answer, secrets);
      return answer;
    },
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      if (!options.sandbox) await sandbox.close();
    },
  };
}

export async function listen(server: Server): Promise<Server> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return server;
}

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Fails when a body or a header of the answer holds one of the secrets. */
export function expectNoSecret(answer: Answer, secrets: string[]): void {
  const headerText = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  for (const secret of secrets) {
    expect(answer.text.includes(secret), 'a secret leaked into a response body').toBe(false);
    expect(headerText.includes(secret), 'a secret leaked into a response header').toBe(false);
  }
}

/** `{ error }` of a failed answer, checked to be the endpoint's one error shape. */
export function errorOf(answer: Answer) {
  expect(answer.json, answer.text).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String) },
  });
  expect(answer.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/); // no stack trace
  return answer.json.error as {
    code: string;
    message: string;
    cloudCode?: string;
    requestId?: string;
    field?: string;
    retryable: boolean;
  };
}

/** Decodes a base64 JSON field (Alibaba `UploadAddress` / `UploadAuth`). */
export function base64Json(value: string): Record<string, string> {
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Record<string, string>;
}

/** Polls `check` until it returns a value, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An `authorize` whose caller is whoever the `x-user` header names (none: 401): enough to tell two callers apart. */
export const authorizeByUserHeader: NonNullable<HarnessOverrides['authorize']> = (request) => {
  const user = request.headers.get('x-user');
  return user ? { id: user } : { refuse: 'unauthorized' };
};
