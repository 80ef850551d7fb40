import { join } from 'node:path';

/**
 * The folder of the sample media every suite uploads (`sample-6s-640x360.mp4` and `.webm`,
 * `cover-1280x720.jpg`, `image-256.png`): committed once here, so a fixture changed for one suite is
 * changed for all and the repository holds one copy of each.
 */
export const fixturesDir = join(import.meta.dirname, '..', 'fixtures');
