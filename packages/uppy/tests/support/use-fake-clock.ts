import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Runs each test of the enclosing `describe` under vitest's fake timers, the clock starting at `now`
 * (a fixed instant, so times the code under test shows are the same on every run), and gives the
 * real timers back after each test so that a failing test leaves no frozen clock to the next file.
 */
export function useFakeClock(now = 1_700_000_000_000): void {
  beforeEach(() => {
    vi.useFakeTimers({ now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
