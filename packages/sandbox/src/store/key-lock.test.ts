import { describe, expect, it } from 'vitest';
import { KeyLock } from './key-lock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyLock', () => {
  it('runs the sections of one key one at a time, in the order they asked', async () => {
    const lock = new KeyLock();
    const events: string[] = [];
    const section = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('k', section('a')), lock.run('k', section('b'))]);
    expect(results).toEqual(['a', 'b']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets other keys run meanwhile, and a failed section release the key', async () => {
    const lock = new KeyLock();
    const events: string[] = [];
    const failing = lock.run('k', async () => {
      await tick();
      events.push('k failed');
      throw new Error('refused');
    });
    const other = lock.run('other', async () => events.push('other ran'));
    const next = lock.run('k', async () => events.push('k ran'));
    await expect(failing).rejects.toThrow('refused');
    await Promise.all([other, next]);
    expect(events).toEqual(['other ran', 'k failed', 'k ran']);
  });
});
