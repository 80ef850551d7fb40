import { useFixture } from '../support/use-fixture.js';
import { type S3Fixture, startS3Fixture } from './s3-fixture.js';

/**
 * Starts an S3 fixture before the file's tests and closes it after them, running `afterEachTest` (a
 * clock reset) after each: the object returned is filled in once the sandbox is up. Its own file, not
 * in s3-fixture.ts, because the Playwright spec shares that module and must not load vitest's hooks.
 */
export function useS3Fixture(afterEachTest?: (f: S3Fixture) => void): S3Fixture {
  return useFixture(startS3Fixture, (f) => f.close(), afterEachTest);
}
