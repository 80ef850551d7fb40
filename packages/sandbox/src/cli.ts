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

/** A numeric flag as a number; a typo stops the CLI rather than start a sandbox with `NaN`. */
function numberOf(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    console.error(`vod-sandbox: --${flag} must be a number ≥ 0, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
}

const scope = values['cos-account-key-scope'];
if (scope !== undefined && scope !== 'bucket' && scope !== 'v2-sessions') {
  console.error(
    `vod-sandbox: --cos-account-key-scope must be bucket or v2-sessions, not ${JSON.stringify(scope)}`,
  );
  process.exit(2);
}
const numeric = (
  flag: 'credential-lifetime' | 'import-max-bytes' | 'upload-max-bytes' | 'processing-stage-ms',
) => {
  const value = values[flag];
  return value === undefined ? undefined : numberOf(flag, value);
};
const credentialLifetime = numeric('credential-lifetime');
const importMaxBytes = numeric('import-max-bytes');
const uploadMaxBytes = numeric('upload-max-bytes');
const stageMs = numeric('processing-stage-ms');

const sandbox = await startSandbox({
  port: numberOf('port', values.port ?? '0'),
  ...(values.data ? { dataDir: values.data } : {}),
  ...(credentialLifetime !== undefined ? { credentialLifetimeSeconds: credentialLifetime } : {}),
  ...(values['admin-origin'] ? { adminOrigins: values['admin-origin'] } : {}),
  ...(values['import-allow-host'] ? { importAllowHosts: values['import-allow-host'] } : {}),
  ...(importMaxBytes !== undefined ? { importMaxBytes } : {}),
  ...(uploadMaxBytes !== undefined ? { uploadMaxBytes } : {}),
  ...(stageMs !== undefined ? { processing: { stageMs } } : {}),
  ...(scope === 'v2-sessions' ? { cosAccountKeyScope: 'v2-sessions' as const } : {}),
});
process.stdout.write(`${JSON.stringify(sandbox.descriptor)}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    sandbox.close().then(() => process.exit(0));
  });
}
