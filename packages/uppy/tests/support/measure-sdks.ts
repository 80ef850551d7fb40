/**
 * Measures what the SDKs' own upload paths do, for the README: cos-js-sdk-v5's cancel and ali-oss's
 * progress and failure behaviour, against the sandbox through the endpoint. Not a test: run by hand,
 *   node --conditions=source --import tsx packages/uppy/tests/support/measure-sdks.ts
 */
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../../playwright.config.js';
import { clearFaults, multipartUploads, requestLog, setFaults } from './sandbox-admin.js';
import { startStack } from './start-stack.js';

const MiB = 1024 * 1024;
const stack = await startStack();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage();
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready="true"]');
  const descriptor = await (await fetch(`${stack.sandboxUrl}/_sandbox/descriptor`)).json();
  // Served by Vite from the harness; a string the type checker does not resolve.
  const probes = '/sdk-probes.ts';
  type Probes = typeof import('../harness/sdk-probes.js');

  await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 16 * MiB });
  const mark = (await requestLog(stack.sandboxUrl)).at(-1)?.seq ?? 0;
  const cos = (await page.evaluate(
    ([url, domain, size]) =>
      (import(url as string) as Promise<Probes>).then((m) =>
        m.probeCosCancel(domain as string, size as number),
      ),
    [probes, descriptor.tencent.cosDomain, 64 * MiB] as const,
  )) as { bucket: string; key: string };
  const after = await requestLog(stack.sandboxUrl, mark);
  const open = ((await multipartUploads(stack.sandboxUrl, cos.bucket)) as { key: string }[]).filter(
    (u) => u.key === cos.key,
  );
  console.log(
    JSON.stringify({
      probe: 'cos-js-sdk-v5 cancelTask',
      ...cos,
      abortMultipartUploadSent: after.some((r) => r.action === 'AbortMultipartUpload'),
      multipartUploadsLeft: open.length,
    }),
  );

  await clearFaults(stack.sandboxUrl);
  await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 32 * MiB });
  const runOss = () =>
    page.evaluate(
      ([url, size]) =>
        (import(url as string) as Promise<Probes>).then((m) => m.probeOssMultipart(size as number)),
      [probes, 64 * MiB] as const,
    );
  const oss = await runOss();
  console.log(JSON.stringify({ probe: 'ali-oss multipartUpload', ...oss }));

  await setFaults(stack.sandboxUrl, { failNextUploads: { count: 1, kind: 503 } });
  const failed = await runOss();
  console.log(JSON.stringify({ probe: 'ali-oss multipartUpload, one part answered 503', ...failed }));
} finally {
  await browser.close();
  await stack.close();
}
