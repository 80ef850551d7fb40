import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  clearFaults,
  deleteStoredObject,
  logMark,
  requestLog,
  setFaults,
  storedObjects,
} from '../../packages/uppy/tests/support/sandbox-admin.js';
import { writeRandomFile } from '../../packages/uppy/tests/support/start-stack.js';
import type { ReliabilityStack } from '../../tests/reliability/support/reliability-stack.js';
import { type Measured, measure, openBenchPage } from './bench-page.js';
import { traceMainThread } from './main-thread-trace.js';
import { processTreeCpuSeconds } from './process-cpu.js';

export const MiB = 1024 * 1024;
export const providers = ['tencent', 'aliyun', 's3'] as const;
export type Provider = (typeof providers)[number];

/** A number from the environment (`BENCH_MB` etc.), or `fallback`. */
export const envNumber = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/** The bench page's call that uploads the chosen files with our plugin for `provider`. */
export const ours = (provider: Provider, options?: Record<string, unknown>): string =>
  `ours(${JSON.stringify(provider)}${options ? `, ${JSON.stringify(options)}` : ''})`;

/** A run measured under a main-thread trace: its longest task's wall and CPU time, the most CPU of any. */
export interface Traced<T> {
  result: T;
  /** CPU seconds the whole stack (bench, sandbox, endpoint, Chromium) used during the call. */
  cpuSeconds: number;
  longest: { wallMs: number; cpuMs: number };
  maxCpuMs: number;
}

/** What every bench section gets: the stack, the browser, and one way to run a measured upload. */
export interface BenchContext {
  stack: ReliabilityStack;
  browser: Browser;
  /** A random file of `bytes` in the stack's temp folder, written once per (bytes, seed). */
  file(name: string, bytes: number, seed: number): Promise<string>;
  /** Runs `call` on a fresh bench page with `files` chosen and `faults` set; frees the disk afterwards. */
  run<T extends Measured = Measured>(
    files: string[],
    call: string,
    faults?: Record<string, unknown>,
  ): Promise<T>;
  /** The same, with the CPU seconds the whole stack used during `call`; `before` runs first, unmeasured. */
  timed<T extends Measured = Measured>(
    files: string[],
    call: string,
    options: { before?: string; faults?: Record<string, unknown> },
  ): Promise<{ result: T; cpuSeconds: number }>;
  /** The same, under a main-thread trace; `before` runs on the page before the trace starts. */
  traced<T extends Measured = Measured>(
    files: string[],
    call: string,
    options: { before?: string; faults?: Record<string, unknown> },
  ): Promise<Traced<T>>;
  /** Deletes what the runs since `mark` stored: a full run writes ~60 GiB, more than a disk may have free. */
  freeDisk(mark: number): Promise<void>;
  /** Writes what a long section has measured so far, so a stopped run still leaves its figures. */
  partial(markdown: string): void;
}

/** The {@link BenchContext} of one stack and browser. */
export function benchContext(
  stack: ReliabilityStack,
  browser: Browser,
  partial: (markdown: string) => void = () => {},
): BenchContext {
  const written = new Map<string, Promise<string>>();
  const freeDisk = async (mark: number) => {
    for (const { bucket, key } of storedObjects(await requestLog(stack.sandboxUrl, mark)))
      await deleteStoredObject(stack.sandboxUrl, bucket, key);
  };
  async function session<R>(
    files: string[],
    faults: Record<string, unknown>,
    work: (page: Awaited<ReturnType<typeof openBenchPage>>['page']) => Promise<R>,
  ): Promise<R> {
    await clearFaults(stack.sandboxUrl);
    if (Object.keys(faults).length) await setFaults(stack.sandboxUrl, faults);
    const since = await logMark(stack.sandboxUrl);
    const { context, page } = await openBenchPage(browser, stack.url, files);
    try {
      return await work(page);
    } finally {
      await context.close();
      await clearFaults(stack.sandboxUrl);
      await freeDisk(since);
    }
  }
  return {
    stack,
    browser,
    freeDisk,
    partial,
    file(name, bytes, seed) {
      const path = join(stack.tmp, name);
      const key = `${path}|${bytes}|${seed}`;
      let done = written.get(key);
      if (!done) {
        done = writeRandomFile(path, bytes, seed).then(() => path);
        written.set(key, done);
      }
      return done;
    },
    run<T extends Measured>(files: string[], call: string, faults: Record<string, unknown> = {}) {
      return session(files, faults, async (page) => {
        const result = (await measure(page, call)) as T;
        if (!result.ok) console.error(`  ${call} failed: ${result.error}`);
        return result;
      });
    },
    timed<T extends Measured>(
      files: string[],
      call: string,
      options: { before?: string; faults?: Record<string, unknown> },
    ) {
      return session(files, options.faults ?? {}, async (page) => {
        if (options.before) await page.evaluate(options.before);
        const cpuBefore = processTreeCpuSeconds();
        const result = (await measure(page, call)) as T;
        const cpuSeconds = processTreeCpuSeconds() - cpuBefore;
        if (!result.ok) console.error(`  ${call} failed: ${result.error}`);
        return { result, cpuSeconds };
      });
    },
    traced<T extends Measured>(
      files: string[],
      call: string,
      options: { before?: string; faults?: Record<string, unknown> },
    ) {
      return session(files, options.faults ?? {}, async (page): Promise<Traced<T>> => {
        // What is reported apart (the SDK preload) happens before the trace starts.
        if (options.before) await page.evaluate(options.before);
        const cpuBefore = processTreeCpuSeconds();
        const { result, tasks } = await traceMainThread(page, () => measure(page, call) as Promise<T>);
        const cpuSeconds = processTreeCpuSeconds() - cpuBefore;
        if (!result.ok) console.error(`  ${call} failed: ${result.error}`);
        const top = tasks[0];
        return {
          result,
          cpuSeconds,
          longest: { wallMs: top?.wallMs ?? 0, cpuMs: top?.cpuMs ?? 0 },
          maxCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
        };
      });
    },
  };
}
