import { describe, expect, it } from 'vitest';
import { SharedCalls } from './shared-calls.js';

describe('SharedCalls', () => {
  it('shares one call per key within the window, then calls again', async () => {
    const calls = new SharedCalls<number>(1000);
    let count = 0;
    const call = async () => ++count;
    expect(await Promise.all([calls.run('a', call, 0), calls.run('a', call, 10)])).toEqual([1, 1]);
    expect(await calls.run('b', call, 20)).toBe(2);
    expect(await calls.run('a', call, 999)).toBe(1);
    expect(await calls.run('a', call, 1000)).toBe(3);
  });

  it('forgets a failed call at once', async () => {
    const calls = new SharedCalls<string>(1000);
    await expect(calls.run('a', async () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    await Promise.resolve();
    expect(await calls.run('a', async () => 'ok', 1)).toBe('ok');
  });

  it('stays within its limit, dropping the oldest', async () => {
    const calls = new SharedCalls<number>(1_000_000, 3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) await calls.run(key, async () => i, i);
    expect(await calls.run('b', async () => 99, 10)).toBe(1);
    expect(await calls.run('a', async () => 42, 11)).toBe(42);
  });
});
