import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');

/** Runs the CLI from its sources with `args`; a refused flag exits before any port is opened. */
function runCli(args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/sandbox/src/cli.ts', ...args],
    { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 },
  );
}

describe('vod-sandbox CLI', () => {
  it.each([
    [['--cos-account-key-scope', 'v2session'], '--cos-account-key-scope must be bucket or v2-sessions'],
    [['--credential-lifetime', 'abc'], '--credential-lifetime must be a number'],
    [['--upload-max-bytes=-1'], '--upload-max-bytes must be a number'],
  ])('refuses a mistyped value (%j) with exit code 2 and says which flag, before starting', (args, words) => {
    // Before, each started a sandbox with the default scope or a NaN setting, saying nothing.
    const run = runCli(['--port', '0', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(words);
    expect(run.stdout).toBe('');
  });
});
