import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SandboxDescriptor } from '@vod-uploader/sandbox';
import { spawnWithDescriptor } from '../../../../tests/support/spawn-with-descriptor.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');

/** The sandbox CLI running as a child process (what the demo and the Playwright tests use). */
export interface SandboxProcess {
  descriptor: SandboxDescriptor;
  child: ChildProcess;
  dataDir: string;
  /** Stops the process (`SIGKILL` plays a crash) and removes `dataDir` if this call made it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Options of {@link startSandboxProcess}. */
export interface SandboxProcessOptions {
  /** Run the `vod-sandbox` bin as published (`dist/cli.js`, which `buildSandbox()` makes). */
  built?: boolean;
  /** Default 0 (a free one); a restart passes the port it had. */
  port?: number;
  /** Where the objects live; default a new temporary folder, removed by `stop()`. */
  dataDir?: string;
}

/**
 * Starts the sandbox CLI with `--port <port> --data <dir>` and waits for its descriptor line: from the
 * TypeScript sources through tsx, or (`built`) the `vod-sandbox` bin as published, `dist/cli.js`,
 * which `buildSandbox()` makes. Memory is measured on the built one: tsx alone holds ~90 MB.
 */
export async function startSandboxProcess(options: SandboxProcessOptions = {}): Promise<SandboxProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vod-sandbox-proc-'));
  const entry = options.built
    ? ['packages/sandbox/dist/cli.js']
    : ['--conditions=source', '--import', 'tsx', 'packages/sandbox/src/cli.ts'];
  const args = [...entry, '--port', String(options.port ?? 0), '--data', dataDir];
  const { child, descriptor, stop } = await spawnWithDescriptor<SandboxDescriptor>(process.execPath, args, {
    name: 'the sandbox CLI',
    cwd: repoRoot,
  });
  return {
    descriptor,
    child,
    dataDir,
    async stop(signal) {
      await stop(signal);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
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
