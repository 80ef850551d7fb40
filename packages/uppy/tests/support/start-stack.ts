import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnWithDescriptor } from '../../../../tests/support/spawn-with-descriptor.js';

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
  const stack = await spawnWithDescriptor<{ url: string; sandboxUrl: string }>(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(here, 'stack-server.ts'),
      join(tmp, 'sandbox'),
      JSON.stringify(sandboxOptions),
    ],
    { name: 'the test stack', cwd: repoRoot },
  );
  return {
    ...stack.descriptor,
    tmp,
    async close() {
      await stack.stop();
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
