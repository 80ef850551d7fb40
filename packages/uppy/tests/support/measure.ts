/**
 * Measures upload time of a 64 MB file through the harness against the sandbox, for the README's
 * part size / concurrency decision and the @uppy/aws-s3 comparison. Not a test: run it by hand,
 *   node --conditions=source --import tsx packages/uppy/tests/support/measure.ts
 * Prints one JSON line per configuration.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../../playwright.config.js';
import { addFile, openHarness, upload } from './harness-page.js';
import { clearFaults, setFaults } from './sandbox-admin.js';
import { startStack, writeRandomFile } from './start-stack.js';

const MiB = 1024 * 1024;
const stack = await startStack();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const path = join(stack.tmp, 'measure.mp4');
  await writeRandomFile(path, 64 * MiB, 3);
  const network = { latencyMs: Number(process.env.LATENCY_MS ?? 40), bandwidthBytesPerSecond: 32 * MiB };
  const configs: {
    provider: 'tencent' | 'aliyun' | 's3';
    partSize: number;
    concurrency: number;
    useAwsS3?: boolean;
  }[] = [];
  for (const partSize of [1, 4, 8, 16].map((n) => n * MiB)) {
    for (const concurrency of [1, 2, 4, 6]) configs.push({ provider: 'tencent', partSize, concurrency });
  }
  configs.push({ provider: 's3', partSize: 8 * MiB, concurrency: 4 });
  configs.push({ provider: 's3', partSize: 8 * MiB, concurrency: 1, useAwsS3: true });
  configs.push({ provider: 'aliyun', partSize: 8 * MiB, concurrency: 4 });
  for (const config of configs) {
    const page = await browser.newPage();
    await clearFaults(stack.sandboxUrl);
    await setFaults(stack.sandboxUrl, network);
    await openHarness(page, stack, config.provider, { ...config, resume: false });
    await addFile(page, path);
    const started = Date.now();
    const outcome = await upload(page);
    const seconds = (Date.now() - started) / 1000;
    const ok = (outcome.failed ?? []).length === 0;
    console.log(JSON.stringify({ ...config, partSize: config.partSize / MiB, ...network, seconds, ok }));
    await page.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
