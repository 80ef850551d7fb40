import { vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { abortedError, type UploadEnvironment } from './environment.js';
import { resolveRetry } from './retry-options.js';
import { isRetryable, withRetry } from './with-retry.js';

/** An environment whose sleeps are recorded and instant, and whose connectivity the test sets. */
function fakeEnv(online = true) {
  const sleeps: number[] = [];
  let onlineWaiters: (() => void)[] = [];
  const env: UploadEnvironment & { sleeps: number[]; goOnline(): void; online: boolean } = {
    sleeps,
    online,
    now: () => 0,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw abortedError();
      sleeps.push(ms);
    },
    isOnline: () => env.online,
    waitOnline: () =>
      env.online ? Promise.resolve() : new Promise((resolve) => onlineWaiters.push(resolve)),
    goOnline() {
      env.online = true;
      for (const waiter of onlineWaiters) waiter();
      onlineWaiters = [];
    },
  };
  return env;
}

const retry = resolveRetry({ retries: 3, baseDelayMs: 100, maxDelayMs: 1000 });

describe('withRetry', () => {
  it('retries retryable failures with growing, jittered delays, then succeeds', async () => {
    const env = fakeEnv();
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw vodError('network', 'dropped');
        return 'ok';
      },
      { retry, env },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(4);
    expect(env.sleeps).toHaveLength(3);
    // Equal jitter: each delay lies in [ceiling/2, ceiling] with the ceiling doubling from 100 ms.
    env.sleeps.forEach((ms, attempt) => {
      const ceiling = Math.min(1000, 100 * 2 ** attempt);
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it('gives up after the configured retries with the last error', async () => {
    const env = fakeEnv();
    let calls = 0;
    const failure = withRetry(
      async () => {
        calls += 1;
        throw vodError('cloud_unavailable', `503 #${calls}`);
      },
      { retry, env },
    );
    await expect(failure).rejects.toMatchObject({ code: 'cloud_unavailable', message: '503 #4' });
    expect(calls).toBe(4);
  });

  it('never retries a refusal or an unknown exception', async () => {
    for (const error of [vodError('cloud_refused', 'AccessDenied'), new TypeError('bug')]) {
      const env = fakeEnv();
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls += 1;
            throw error;
          },
          { retry, env },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
    expect(isRetryable(vodError('aborted', 'paused', { retryable: true }))).toBe(false);
  });

  it('lets recover() fix a failure without spending a retry, at most 3 times', async () => {
    const env = fakeEnv();
    let calls = 0;
    let recovered = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw vodError('credential_expired', 'SecurityTokenExpired', { retryable: false });
        },
        {
          retry,
          env,
          recover: async () => {
            recovered += 1;
            return true;
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'credential_expired' });
    expect(recovered).toBe(3);
    expect(calls).toBe(4);
    expect(env.sleeps).toEqual([]);
  });

  it('waits for the browser to be online before sending', async () => {
    const env = fakeEnv(false);
    let calls = 0;
    const result = withRetry(
      async () => {
        calls += 1;
        return calls;
      },
      { retry, env },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(0);
    env.goOnline();
    await expect(result).resolves.toBe(1);
  });

  it('rejects with aborted as soon as the signal aborts, without another attempt', async () => {
    const env = fakeEnv();
    const controller = new AbortController();
    let calls = 0;
    const result = withRetry(
      async () => {
        calls += 1;
        controller.abort();
        throw vodError('network', 'dropped');
      },
      { retry, env, signal: controller.signal },
    );
    await expect(result).rejects.toMatchObject({ code: 'aborted' });
    expect(calls).toBe(1);
  });
});
