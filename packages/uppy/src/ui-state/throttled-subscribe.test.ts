import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledSubscribe } from './throttled-subscribe.js';

/** A store whose `notify()` calls every listener. */
function store() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: () => {
      for (const listener of listeners) listener();
    },
    size: () => listeners.size,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttledSubscribe', () => {
  it('passes the first change at once and a burst after it as one trailing call', () => {
    const s = store();
    const heard = vi.fn();
    throttledSubscribe(s.subscribe, 100)(heard);
    s.notify();
    expect(heard).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) s.notify();
    expect(heard).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(heard).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('calls at most once per interval under a steady stream of changes', () => {
    const s = store();
    const heard = vi.fn();
    throttledSubscribe(s.subscribe, 100)(heard);
    for (let ms = 0; ms < 1000; ms += 5) {
      s.notify();
      vi.advanceTimersByTime(5);
    }
    expect(heard.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(heard.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it('unsubscribes and drops a pending trailing call', () => {
    const s = store();
    const heard = vi.fn();
    const unsubscribe = throttledSubscribe(s.subscribe, 100)(heard);
    s.notify();
    s.notify();
    unsubscribe();
    vi.advanceTimersByTime(200);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(s.size()).toBe(0);
  });
});
