import { afterAll, afterEach, beforeAll } from 'vitest';
import { type S3Fixture, startS3Fixture } from './s3-fixture.js';

/**
 * Starts an S3 fixture before the file's tests and closes it after them, running `afterEachTest` (a
 * clock reset) after each: the object returned is filled in once the sandbox is up. Its own file, not
 * in s3-fixture.ts, because the Playwright spec shares that module and must not import vitest.
 */
export function useS3Fixture(afterEachTest?: (f: S3Fixture) => void): S3Fixture {
  const f = {} as S3Fixture;
  beforeAll(async () => {
    Object.assign(f, await startS3Fixture());
  });
  if (afterEachTest) afterEach(() => afterEachTest(f));
  afterAll(() => f.close());
  return f;
}
