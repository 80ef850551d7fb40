#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    'credential-lifetime': { type: 'string' },
    'admin-origin': { type: 'string', multiple: true },
    'import-allow-host': { type: 'string', multiple: true },
    'import-max-bytes': { type: 'string' },
    'upload-max-bytes': { type: 'string' },
    'cos-account-key-scope': { type: 'string' },
    'processing-stage-ms': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`vod-sandbox --port <n> --data <dir> [--credential-lifetime <seconds>]
  [--admin-origin <origin>]... [--import-allow-host <host[:port]>]... [--import-max-bytes <n>]
  [--upload-max-bytes <n>]
  [--cos-account-key-scope bucket|v2-sessions] [--processing-stage-ms <ms>]
Local emulator of Tencent VOD + COS, Alibaba VOD + OSS and S3. Prints one JSON line (the
connection descriptor) when ready; the same JSON is served at /_sandbox/descriptor.`);
  process.exit(0);
}

const sandbox = await startSandbox({
  port: Number(values.port),
  ...(values.data ? { dataDir: values.data } : {}),
  ...(values['credential-lifetime']
    ? { credentialLifetimeSeconds: Number(values['credential-lifetime']) }
    : {}),
  ...(values['admin-origin'] ? { adminOrigins: values['admin-origin'] } : {}),
  ...(values['import-allow-host'] ? { importAllowHosts: values['import-allow-host'] } : {}),
  ...(values['import-max-bytes'] ? { importMaxBytes: Number(values['import-max-bytes']) } : {}),
  ...(values['upload-max-bytes'] ? { uploadMaxBytes: Number(values['upload-max-bytes']) } : {}),
  ...(values['processing-stage-ms']
    ? { processing: { stageMs: Number(values['processing-stage-ms']) } }
    : {}),
  ...(values['cos-account-key-scope'] === 'v2-sessions'
    ? { cosAccountKeyScope: 'v2-sessions' as const }
    : {}),
});
process.stdout.write(`${JSON.stringify(sandbox.descriptor)}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    sandbox.close().then(() => process.exit(0));
  });
}
