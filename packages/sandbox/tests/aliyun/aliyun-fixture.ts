import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
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
