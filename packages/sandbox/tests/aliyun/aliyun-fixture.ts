import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { useFixture } from '../support/use-fixture.js';
import { type AliyunClients, aliyunClients } from './aliyun-clients.js';

export * from './aliyun-clients.js';

/** An in-process sandbox (its `context` at hand) plus the official clients. */
export interface AliyunFixture extends AliyunClients {
  sandbox: Sandbox;
}

export async function startAliyunFixture(): Promise<AliyunFixture> {
  const sandbox = await startSandbox({ port: 0 });
  return { sandbox, ...aliyunClients(sandbox.descriptor) };
}

/**
 * Starts an Aliyun fixture before the file's (or describe block's) tests and closes it after them,
 * running `afterEachTest` (a fault or clock reset) after each: the object returned is filled in once
 * the sandbox is up, so every test file does not repeat the same hooks.
 */
export function useAliyunFixture(afterEachTest?: (f: AliyunFixture) => void): AliyunFixture {
  return useFixture(startAliyunFixture, (f) => f.sandbox.close(), afterEachTest);
}
