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

  it('lets a task take several slots, in order: a heavy task at the head holds back the light ones behind it', async () => {
    const limit = limitConcurrency(6);
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    const run = (name: string, weight: number) =>
      limit(async () => {
        started.push(name);
        const gate = deferred();
        gates.set(name, gate);
        await gate.promise;
      }, weight);
    const all = [
      run('heavy-1', 3),
      run('light-1', 1),
      run('heavy-2', 3),
      run('light-2', 1),
      run('light-3', 1),
    ];
    await tick();
    // 3 + 1 slots in use; heavy-2 needs 3 of the 2 left, so it and the light tasks behind it wait.
    expect(started).toEqual(['heavy-1', 'light-1']);
    gates.get('light-1')?.resolve();
    await tick();
    expect(started).toEqual(['heavy-1', 'light-1', 'heavy-2']);
    gates.get('heavy-1')?.resolve();
    await tick();
    expect(started).toEqual(['heavy-1', 'light-1', 'heavy-2', 'light-2', 'light-3']);
    for (const gate of gates.values()) gate.resolve();
    await Promise.all(all);
  });

  it('runs a task heavier than the limit alone', async () => {
    const limit = limitConcurrency(2);
    const gate = deferred();
    const started: string[] = [];
    const heavy = limit(async () => {
      started.push('heavy');
      await gate.promise;
    }, 5);
    const light = limit(async () => {
      started.push('light');
    });
    await tick();
    expect(started).toEqual(['heavy']);
    gate.resolve();
    await Promise.all([heavy, light]);
    expect(started).toEqual(['heavy', 'light']);
  });
});
