import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnWithDescriptor } from '../../support/spawn-with-descriptor.js';
import { type SandboxCli, startSandboxCli } from './sandbox-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

/** The harness page and endpoint (one process) in front of a restartable sandbox (another). */
export interface ReliabilityStack {
  /** The harness page. */
  url: string;
  sandboxUrl: string;
  sandbox: SandboxCli;
  /** A directory for generated files, removed on close. */
  tmp: string;
  close(): Promise<void>;
}

/** Options of `startReliabilityStack`. */
export interface ReliabilityStackOptions {
  /** The endpoint's upload policy (only what the matrix sets). */
  policy?: { maxFileSize?: number };
  /** The directory of the page to serve; default packages/uppy's harness. */
  pageRoot?: string;
  /**
   * Serve a production build of the page (minified chunks, as an app ships them) instead of Vite's
   * dev server (one module per request, transformed on demand). The benchmarks use it.
   */
  production?: boolean;
}

/** Starts the sandbox CLI, then `reliability-server.ts` (endpoint with `policy`, Vite serving the page). */
export async function startReliabilityStack(
  options: ReliabilityStackOptions = {},
): Promise<ReliabilityStack> {
  const tmp = await mkdtemp(join(tmpdir(), 'vod-reliability-'));
  const sandbox = await startSandboxCli(join(tmp, 'sandbox'));
  const stack = await spawnWithDescriptor<{ url: string }>(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(here, 'reliability-server.ts'),
      sandbox.url,
      JSON.stringify(options.policy ?? {}),
      options.pageRoot ?? '',
      options.production ? 'production' : 'dev',
    ],
    { name: 'the reliability stack', cwd: repoRoot, timeoutMs: 90_000 },
  );
  return {
    url: stack.descriptor.url,
    sandboxUrl: sandbox.url,
    sandbox,
    tmp,
    async close() {
      await stack.stop();
      await sandbox.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
