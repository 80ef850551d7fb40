import { startDemo } from './start-demo.js';

// `npm run demo`: the page, the endpoint and (without cloud keys in the environment) the sandbox.
// PORT picks the page's port (0: any free one); DEMO_DATA_DIR moves the sandbox's data;
// DEMO_NO_WATCH=1 stops reloading the page on source changes (the e2e tests set it).
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
const dataDir = process.env.DEMO_DATA_DIR || undefined;
const demo = await startDemo({
  ...(port === undefined ? {} : { port }),
  ...(dataDir ? { dataDir } : {}),
  watch: process.env.DEMO_NO_WATCH !== '1',
});
const clouds = demo.sandbox
  ? `the local sandbox (${demo.sandbox.url}, data in ${dataDir ?? '.sandbox-data/'})`
  : 'real clouds (keys from the environment)';
console.log(`vod-uploader demo: ${demo.url}\nUploads go to ${clouds}. Ctrl+C stops everything.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    demo.close().then(() => process.exit(0));
  });
}
