import { InFlightController, vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { abortableSleep, type UploadEnvironment } from './environment.js';
import { resolveRetry } from './retry-options.js';
import { runPartQueue } from './run-part-queue.js';

const env: UploadEnvironment = {
  now: () => Date.now(),
  sleep: (_ms, signal) => abortableSleep(1, signal),
  isOnline: () => true,
  waitOnline: () => Promise.resolve(),
};
const retry = resolveRetry({ retries: 2, baseDelayMs: 1, maxDelayMs: 2 });
const parts = Array.from({ length: 12 }, (_, i) => i + 1);

/** Counts the parts running at once: `counts` holds how many ran, that one included, as each started. */
function runningCounter() {
  let running = 0;
  const counts: number[] = [];
  return {
    counts,
    enter: () => {
      running += 1;
      counts.push(running);
    },
    leave: () => {
      running -= 1;
    },
  };
}

describe('runPartQueue', () => {
  it('never runs more parts at once than the concurrency', async () => {
    const running = runningCounter();
    const done: number[] = [];
    await runPartQueue(parts, {
      concurrency: 3,
      retry,
      env,
      run: async (n) => {
        running.enter();
        await new Promise((resolve) => setTimeout(resolve, 2));
        running.leave();
        done.push(n);
      },
    });
    expect(Math.max(...running.counts)).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(parts);
  });

  it('retries a failing part on its own while the others go on', async () => {
    const attempts = new Map<number, number>();
    await runPartQueue(parts, {
      concurrency: 4,
      retry,
      env,
      run: async (n) => {
        const attempt = (attempts.get(n) ?? 0) + 1;
        attempts.set(n, attempt);
        if (n === 5 && attempt < 3) throw vodError('cloud_unavailable', 'injected 503');
      },
    });
    expect(attempts.get(5)).toBe(3);
    expect([...attempts.entries()].filter(([n]) => n !== 5).every(([, a]) => a === 1)).toBe(true);
  });

  it('fails with the part error once its retries are spent, stopping the other parts', async () => {
    const aborted: number[] = [];
    const failure = runPartQueue(parts, {
      concurrency: 4,
      retry,
      env,
      run: async (n, signal) => {
        if (n === 2) throw vodError('cloud_unavailable', 'part 2 keeps failing');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            aborted.push(n);
            resolve();
          });
        });
      },
    });
    await expect(failure).rejects.toMatchObject({ message: 'part 2 keeps failing' });
    expect(aborted.length).toBeGreaterThan(0);
  });

  it('rejects with aborted when the caller aborts (pause), after every part has stopped', async () => {
    const controller = new AbortController();
    let inFlight = 0;
    const run = runPartQueue(parts, {
      concurrency: 2,
      retry,
      env,
      signal: controller.signal,
      run: (_n, signal) =>
        new Promise<void>((resolve, reject) => {
          inFlight += 1;
          signal.addEventListener('abort', () => {
            inFlight -= 1;
            reject(vodError('aborted', 'paused', { retryable: false }));
          });
          setTimeout(resolve, 1000);
        }),
    });
    setTimeout(() => controller.abort(), 10);
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(inFlight).toBe(0);
  });

  it('runs no more parts at once than the in-flight controller allows, and follows it as it grows', async () => {
    let clock = 0;
    const flow = new InFlightController({ partSize: 1, max: 6, initial: 1, now: () => clock });
    const running = runningCounter();
    await runPartQueue(parts, {
      concurrency: 6,
      retry,
      env,
      flow,
      run: async () => {
        running.enter();
        await new Promise((resolve) => setTimeout(resolve, 2));
        // Every part takes the same time, so each added lane adds throughput: the controller grows.
        clock += 10;
        running.leave();
      },
    });
    expect(running.counts[0]).toBe(1);
    expect(Math.max(...running.counts)).toBeGreaterThan(1);
    expect(Math.max(...running.counts)).toBeLessThanOrEqual(6);
  });

  it('tells the controller of each failed attempt, which then lets fewer parts run', async () => {
    const flow = new InFlightController({ partSize: 1, max: 4, initial: 4, now: () => 0 });
    let failed = false;
    const done: number[] = [];
    await runPartQueue(parts, {
      concurrency: 4,
      retry,
      env,
      flow,
      run: async (n) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (n === 1 && !failed) {
          failed = true;
          throw vodError('cloud_unavailable', 'injected 503');
        }
        done.push(n);
      },
    });
    // Halved, and on this frozen clock no round shows growth.
    expect(flow.limit).toBe(2);
    expect(done.sort((a, b) => a - b)).toEqual(parts);
  });

  it('starts the next part while a part that released its lane waits for its answer', async () => {
    const fixed = { limit: 1, partStarted() {}, partStored() {}, partFailed() {} };
    const order = async (release: boolean) => {
      const events: string[] = [];
      await runPartQueue([1, 2], {
        concurrency: 2,
        retry,
        env,
        flow: fixed,
        run: async (n, _signal, releaseLane) => {
          events.push(`start ${n}`);
          if (release) releaseLane();
          await new Promise((resolve) => setTimeout(resolve, 10));
          events.push(`end ${n}`);
        },
      });
      return events;
    };
    expect(await order(true)).toEqual(['start 1', 'start 2', 'end 1', 'end 2']);
    expect(await order(false)).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('counts a retried part against the limit again: a release holds for one attempt', async () => {
    const fixed = { limit: 1, partStarted() {}, partStored() {}, partFailed() {} };
    const events: string[] = [];
    const attempts = new Map<number, number>();
    await runPartQueue([1, 2, 3], {
      concurrency: 3,
      retry,
      env,
      flow: fixed,
      run: async (n, _signal, releaseLane) => {
        const attempt = (attempts.get(n) ?? 0) + 1;
        attempts.set(n, attempt);
        events.push(`start ${n}`);
        if (n === 1 && attempt === 1) {
          // Released, then failed: part 2 took the lane, and the retry holds one again.
          releaseLane();
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw vodError('cloud_unavailable', 'injected 503');
        }
        await new Promise((resolve) => setTimeout(resolve, n === 2 ? 40 : 5));
        events.push(`end ${n}`);
      },
    });
    // Part 3 waits until fewer held parts run than the limit: after part 2, not after part 1's retry.
    expect(events.indexOf('start 3')).toBeGreaterThan(events.indexOf('end 2'));
    expect(attempts.get(1)).toBe(2);
  });
});
