import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

// Each story page shows its own file as the code a reader copies: the file must build alone.
const storiesDir = import.meta.dirname;
const repoRoot = join(storiesDir, '../../../..');
const stories = readdirSync(storiesDir).filter((name) => name.endsWith('-story.tsx'));

const appDir = mkdtempSync(join(tmpdir(), 'vod-story-snippets-'));
afterAll(() => rmSync(appDir, { recursive: true, force: true }));

describe('story snippets, each copied alone into a fresh app', () => {
  it('finds the stories', () => {
    expect(stories.length).toBeGreaterThanOrEqual(17);
  });

  it.each(stories)('%s imports the package stylesheet, as an app must', (name) => {
    expect(readFileSync(join(storiesDir, name), 'utf8')).toContain(
      "import '@vod-uploader/react/styles.css';",
    );
  });

  it('every story builds with packages only: no import of a demo file the page does not show', async () => {
    // The app's own dependencies, as `npm install` gives them; nothing else beside the copies.
    symlinkSync(join(repoRoot, 'node_modules'), join(appDir, 'node_modules'), 'dir');
    const input: Record<string, string> = {};
    for (const name of stories) {
      // A folder per story: a relative import finds nothing, not even another story.
      const folder = join(appDir, basename(name, '.tsx'));
      mkdirSync(folder);
      copyFileSync(join(storiesDir, name), join(folder, 'story.tsx'));
      input[basename(name, '.tsx')] = join(folder, 'story.tsx');
    }
    let failure: unknown;
    try {
      await build({
        configFile: false,
        root: appDir,
        logLevel: 'silent',
        plugins: [react()],
        resolve: { conditions: ['source', ...defaultClientConditions] },
        build: {
          write: false,
          rollupOptions: { input, preserveEntrySignatures: 'exports-only' },
        },
      });
    } catch (error) {
      failure = error;
    }
    // The build's own words (which file, which import) rather than a bare "threw".
    expect(
      failure === undefined ? 'built' : stripVTControlCharacters(String((failure as Error).message)),
    ).toBe('built');
  });
});
