import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { addFile, openHarness, waitForBytes } from '../../packages/uppy/tests/support/harness-page.js';
import {
  clearFaults,
  expireCredentials,
  lastStoredObject,
  logMark,
  requestLog,
  setFaults,
  storedObject,
} from '../../packages/uppy/tests/support/sandbox-admin.js';
import { writeRandomFile } from '../../packages/uppy/tests/support/start-stack.js';
import { formatTable, readRows, recordRow } from './support/matrix-report.js';
import { type LogRecord, providerCases } from './support/provider-cases.js';
import { type ReliabilityStack, startReliabilityStack } from './support/reliability-stack.js';

/**
 * The reliability matrix (issue #8): every provider uploads a 16 MiB file under each fault, and each
 * upload must complete, byte-exact, with exactly one media created. 16 MiB in 2 MiB parts (S3: 5 MiB)
 * keeps the whole matrix (18 uploads, 10 s of it offline per provider) within a few minutes on two
 * cores while still giving every fault several parts to hit.
 */
const MiB = 1024 * 1024;
const SIZE = 16 * MiB;
/** Slow enough that a fault lands mid-upload (16 MiB take ~2 s), fast enough for the time budget. */
const CAP = { bandwidthBytesPerSecond: 8 * MiB };

interface Scenario {
  name: string;
  /** The sandbox fault plan from the start. */
  plan: Record<string, unknown>;
  /** A fault the test itself applies once a quarter of the file is up; resolves with how many it injected. */
  midway?: (ctx: { page: Page; context: BrowserContext; stack: ReliabilityStack }) => Promise<number>;
  /** The least the upload can take if the fault really held it up (proves the fault landed mid-upload). */
  minSeconds?: number;
}

const scenarios: Scenario[] = [
  {
    name: '10 % of part requests fail (500/503/reset)',
    // One certain failure so that even a lucky run exercises the retry.
    plan: { failUploadPercent: { percent: 10 }, failNextUploads: { count: 1, kind: 503 } },
  },
  {
    // Stored, then the connection drops instead of the answer: the client cannot tell and must find out.
    name: 'the answers to 3 stored parts are lost',
    plan: { loseAnswers: { count: 3 } },
  },
  {
    name: 'a part request stalls 5 s',
    plan: { stallNextUploads: { count: 1, ms: 5000 } },
    midway: async () => 1,
    minSeconds: 5,
  },
  {
    name: 'the network goes away for 10 s',
    plan: CAP,
    minSeconds: 10,
    midway: async ({ page, context }) => {
      await context.setOffline(true);
      await page.waitForTimeout(10_000);
      await context.setOffline(false);
      return 1;
    },
  },
  {
    name: 'the credentials expire mid-upload',
    plan: CAP,
    midway: async ({ stack }) => {
      await expireCredentials(stack.sandboxUrl);
      return 1;
    },
  },
  {
    name: 'the sandbox restarts mid-upload',
    plan: CAP,
    midway: async ({ stack }) => {
      await stack.sandbox.restart(1000);
      return 1;
    },
  },
];

let stack: ReliabilityStack;
const files = new Map<string, { path: string; sha256: string }>();

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startReliabilityStack();
  for (const [i, c] of providerCases.entries()) {
    const path = join(stack.tmp, `matrix-${c.provider}.mp4`);
    files.set(c.provider, { path, sha256: await writeRandomFile(path, SIZE, 100 + i) });
  }
});

test.afterAll(async () => {
  await stack?.close();
  const rows = readRows('faults');
  const columns = [
    'provider',
    'tried',
    'faults injected',
    'completed',
    'byte-exact',
    'duplicate media',
    'lost',
  ];
  const byProvider = providerCases.map(({ provider }) => {
    const mine = rows.filter((r) => r.provider === provider);
    const sum = (key: string) => mine.reduce((n, r) => n + Number(r[key] ?? 0), 0);
    return {
      provider,
      tried: mine.length,
      'faults injected': sum('faults'),
      completed: mine.filter((r) => r.completed).length,
      'byte-exact': mine.filter((r) => r.byteExact).length,
      'duplicate media': sum('duplicates'),
      lost: mine.filter((r) => !r.completed).length,
    };
  });
  const detail = formatTable(
    ['provider', 'scenario', 'faults', 'completed', 'byteExact', 'duplicates', 'seconds'],
    rows,
  );
  console.log(`\nReliability matrix (16 MiB per upload)\n${formatTable(columns, byProvider)}\n\n${detail}\n`);
});

for (const c of providerCases) {
  for (const scenario of scenarios) {
    test(`${c.provider}: ${scenario.name} → completes byte-exact, one media`, async ({ page, context }) => {
      test.setTimeout(90_000);
      const file = files.get(c.provider) as { path: string; sha256: string };
      await clearFaults(stack.sandboxUrl);
      await setFaults(stack.sandboxUrl, scenario.plan);
      // A stack-shaped object: the harness helpers read only `url`.
      await openHarness(page, { ...stack, close: stack.close }, c.provider, { partSize: c.partSize });
      let since = await logMark(stack.sandboxUrl);
      const started = Date.now();
      const fileId = await addFile(page, file.path);
      await page.evaluate(() => window.harness.startUpload());
      const settled = page.waitForFunction(
        (id) =>
          window.harness.eventsOf('upload-success').some((e) => e.fileId === id) ||
          window.harness.eventsOf('upload-error').some((e) => e.fileId === id),
        fileId,
        { timeout: 75_000, polling: 100 },
      );

      let injected = 0;
      const before: LogRecord[] = [];
      if (scenario.midway) {
        await waitForBytes(page, fileId, SIZE / 4);
        if (scenario.name.includes('restarts')) {
          // The sandbox's log lives in memory: keep what it saw before it goes down.
          before.push(...(await requestLog(stack.sandboxUrl, since)));
          since = 0;
        }
        injected += await scenario.midway({ page, context, stack });
      }
      await settled.catch(() => undefined);
      const seconds = (Date.now() - started) / 1000;
      await clearFaults(stack.sandboxUrl);

      const success = await page.evaluate(
        (id) => window.harness.eventsOf('upload-success').find((e) => e.fileId === id)?.data,
        fileId,
      );
      const error = await page.evaluate(
        (id) => window.harness.eventsOf('upload-error').find((e) => e.fileId === id)?.data,
        fileId,
      );
      const log: LogRecord[] = [...before, ...(await requestLog(stack.sandboxUrl, since))];
      injected += log.filter((r) => r.fault !== undefined).length;
      const last = lastStoredObject(log);
      const stored = last ? await storedObject(stack.sandboxUrl, last.bucket, last.key) : undefined;
      const row = {
        provider: c.provider,
        scenario: scenario.name,
        faults: injected,
        completed: success !== undefined,
        byteExact: stored?.sha256 === file.sha256,
        duplicates: Math.max(0, c.mediaCreated(log) - 1),
        seconds: Number(seconds.toFixed(1)),
      };
      recordRow('faults', row);

      expect(error, 'the upload reported an error').toBeUndefined();
      expect((success as { body?: { id?: string } } | undefined)?.body?.id).toEqual(expect.any(String));
      expect(row.byteExact).toBe(true);
      expect(c.mediaCreated(log)).toBe(1);
      expect(row.faults).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeGreaterThanOrEqual(scenario.minSeconds ?? 0);
    });
  }
}
