import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export { fixturesDir } from '../../../../tests/support/fixtures-dir.js';

const repoRoot = join(here, '..', '..', '..', '..');

/** The harness page, the credential endpoint and the sandbox, all on 127.0.0.1 with free ports. */
export interface Stack {
  /** The harness page. */
  url: string;
  /** The sandbox (its admin routes are under `/_sandbox`). */
  sandboxUrl: string;
  /** A directory for generated files, removed on close. */
  tmp: string;
  close(): Promise<void>;
}

/** Starts `stack-server.ts` in a child process and waits for its URLs. */
export async function startStack(
  sandboxOptions: { credentialLifetimeSeconds?: number } = {},
): Promise<Stack> {
  const tmp = await mkdtemp(join(tmpdir(), 'vod-uppy-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(here, 'stack-server.ts'),
      join(tmp, 'sandbox'),
      JSON.stringify(sandboxOptions),
    ],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<{ url: string; sandboxUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the test stack did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the test stack exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  return {
    ...ready,
    tmp,
    async close() {
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin?.end();
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `size` pseudo-random bytes (seeded, so two runs match) to `path`, streaming, and resolves
 * with their sha256.
 */
export async function writeRandomFile(path: string, size: number, seed = 1): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  let state = seed >>> 0 || 1;
  for (let written = 0; written < size; written += 1024 * 1024) {
    // A fresh buffer each time: the stream keeps a reference until it has flushed.
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let i = 0; i < chunk.length; i += 4) {
      // xorshift32: fast, and incompressible enough that no layer can cheat with compression.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeUInt32LE(state >>> 0, i);
    }
    const piece = chunk.subarray(0, Math.min(chunk.length, size - written));
    hash.update(piece);
    if (!out.write(piece)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  return hash.digest('hex');
}

/** sha256 of a file on disk. */
export async function sha256OfFile(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
