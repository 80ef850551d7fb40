import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
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

/**
 * Starts the sandbox CLI with `--port 0 --data <tmp>` and waits for its descriptor line: from the
 * TypeScript sources through tsx, or (`built`) the `vod-sandbox` bin as published, `dist/cli.js`,
 * which `buildSandbox()` makes. Memory is measured on the built one: tsx alone holds ~90 MB.
 */
export async function startSandboxProcess(options: { built?: boolean } = {}): Promise<SandboxProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vod-sandbox-proc-'));
  const entry = options.built
    ? ['packages/sandbox/dist/cli.js']
    : ['--conditions=source', '--import', 'tsx', 'packages/sandbox/src/cli.ts'];
  const child = spawn(process.execPath, [...entry, '--port', '0', '--data', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** Compiles packages/sandbox to `dist/` as `npm run build` does (git-ignored build output). */
export function buildSandbox(): void {
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'packages/sandbox/tsconfig.build.json'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}
