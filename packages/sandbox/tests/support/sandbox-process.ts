import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { SandboxDescriptor } from '@vod-uploader/sandbox';

const repoRoot = resolve(import.meta.dirname, '../../../..');

/** The sandbox CLI running as a child process (what the demo and the Playwright tests use). */
export interface SandboxProcess {
  descriptor: SandboxDescriptor;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts `packages/sandbox/src/cli.ts --port 0 --data <tmp>` and waits for its descriptor line. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vod-sandbox-proc-'));
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      'packages/sandbox/src/cli.ts',
      '--port',
      '0',
      '--data',
      dataDir,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const descriptor = await new Promise<SandboxDescriptor>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`the sandbox CLI exited with ${code}`)));
    lines.once('line', (line) => done(JSON.parse(line) as SandboxDescriptor));
  });
  return {
    descriptor,
    child,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
