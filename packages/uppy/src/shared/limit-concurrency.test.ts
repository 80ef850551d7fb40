import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './limit-concurrency.js';

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((done) => setTimeout(done, 0));

describe('limitConcurrency', () => {
  it('runs at most `limit` tasks at once, the rest in order as slots free up', async () => {
    const limit = limitConcurrency(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const all = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.resolve();
    gates[2]?.resolve();
    gates[3]?.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a task that failed', async () => {
    const limit = limitConcurrency(1);
    const failing = limit(() => Promise.reject(new Error('no')));
    const next = limit(async () => 'ran');
    await expect(failing).rejects.toThrow('no');
    expect(await next).toBe('ran');
  });

  it('reads a getter limit when each task arrives, so a raised limit starts the next task at once', async () => {
    let max = 1;
    const limit = limitConcurrency(() => max);
    const gate = deferred();
    const started: string[] = [];
    const first = limit(async () => {
      started.push('first');
      await gate.promise;
    });
    max = 2;
    const second = limit(async () => {
      started.push('second');
    });
    await tick();
    expect(started).toEqual(['first', 'second']);
    gate.resolve();
    await Promise.all([first, second]);
  });
});
