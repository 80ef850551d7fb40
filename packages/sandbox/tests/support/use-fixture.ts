import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Starts a fixture (`start`) before the file's or describe block's tests and stops it (`stop`) after
 * them, running `afterEachTest` (a fault or clock reset) after each. The object returned is filled in
 * once the fixture is up, so a test file holds it in a `const` instead of repeating the hooks.
 */
export function useFixture<F extends object>(
  start: () => Promise<F>,
  stop: (fixture: F) => Promise<void>,
  afterEachTest?: (fixture: F) => void,
): F {
  const fixture = {} as F;
  beforeAll(async () => {
    Object.assign(fixture, await start());
  });
  if (afterEachTest) afterEach(() => afterEachTest(fixture));
  afterAll(() => stop(fixture));
  return fixture;
}
