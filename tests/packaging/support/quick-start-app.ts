import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type Tarball } from './pack-workspace.js';

const run = promisify(execFile);

/** No tool may phone home from a test: loopback only. */
const QUIET = { NEXT_TELEMETRY_DISABLED: '1' };

/** Tools the quick start installs beside our packages, at the versions this repository tests with. */
const TOOLS = [
  'vite',
  '@vitejs/plugin-react',
  'typescript',
  '@types/react',
  '@types/react-dom',
  '@types/node',
];

/** A fresh app outside the repository with every tarball installed, as a new user would have it. */
export interface QuickStartApp {
  dir: string;
  /** Runs an installed bin (`node_modules/.bin/<name>`) to completion, in `cwd` (default the app). */
  exec(
    bin: string,
    args: string[],
    timeoutMs: number,
    cwd?: string,
    env?: Record<string, string>,
  ): Promise<string>;
  /** Starts a process in `cwd` (default the app); it is stopped by `close()`. */
  start(command: string, args: string[], env?: Record<string, string>, cwd?: string): ChildProcess;
  writeFiles(files: Map<string, string>): Promise<void>;
  close(): Promise<void>;
}

async function versionOf(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'));
  return manifest.version as string;
}

/**
 * `npm install` of all tarballs in one command, as the root README says (here the sandbox goes in
 * as a dev dependency, which an app may choose), into a temporary app in `os.tmpdir()`, from the npm cache
 * where it can (`--prefer-offline`). Peers (React, Uppy) are npm's to add, as for a user.
 * `extraDependencies` (what the examples need besides our packages) go into the same install, so
 * examples copied under the app resolve everything from its one `node_modules`.
 */
export async function createQuickStartApp(
  tarballs: Tarball[],
  extraDependencies: Record<string, string> = {},
): Promise<QuickStartApp> {
  const dir = await mkdtemp(join(tmpdir(), 'vod-quick-start-'));
  const children: ChildProcess[] = [];
  const fileOf = (pkg: string) => `file:${tarballs.find((t) => t.pkg === pkg)?.path}`;
  const tools = Object.fromEntries(
    await Promise.all(TOOLS.map(async (name) => [name, await versionOf(name)])),
  );
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'vod-quick-start',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(
          ['core', 'uppy', 'react', 'server'].map((pkg) => [`@vod-uploader/${pkg}`, fileOf(pkg)]),
        ),
        devDependencies: { ...extraDependencies, '@vod-uploader/sandbox': fileOf('sandbox'), ...tools },
      },
      null,
      2,
    ),
  );
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    dir,
    async exec(bin, args, timeoutMs, cwd = dir, env = {}) {
      const { stdout, stderr } = await run(join(dir, 'node_modules', '.bin', bin), args, {
        cwd,
        env: { ...process.env, NODE_OPTIONS: '', ...QUIET, ...env },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(
          `${bin} ${args.join(' ')} failed:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`,
        );
      });
      return `${stdout}${stderr}`;
    },
    start(command, args, env = {}, cwd = dir) {
      const child = spawn(command, args, {
        cwd,
        env: { ...process.env, NODE_OPTIONS: '', ...QUIET, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      return child;
    },
    async writeFiles(files) {
      for (const [path, text] of files) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
    },
    async close() {
      await Promise.all(children.map(stop));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A port free on 127.0.0.1 right now (for processes whose README takes a port rather than printing one). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Resolves once `url` answers at all (any status), failing with the process's output after `timeoutMs`. */
export async function answers(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}\n${output}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms\n${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}
