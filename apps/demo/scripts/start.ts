import { startDemo } from './start-demo.js';

// `npm run demo`: the page, the endpoint and (without cloud keys in the environment) the sandbox.
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
const demo = await startDemo(port === undefined ? {} : { port });
const clouds = demo.sandbox
  ? `the local sandbox (${demo.sandbox.url}, data in .sandbox-data/)`
  : 'real clouds (keys from the environment)';
console.log(`vod-uploader demo: ${demo.url}\nUploads go to ${clouds}. Ctrl+C stops everything.`);
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ url: demo.url, sandbox: demo.sandbox?.url }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    demo.close().then(() => process.exit(0));
  });
}
