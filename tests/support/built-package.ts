import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll } from 'vitest';

const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A package built into a scratch folder by {@link useBuiltPackage}; `dir` is set once `beforeAll` ran. */
export interface BuiltPackage {
  readonly dir: string;
}

/** Where and how {@link useBuiltPackage} builds. */
export interface BuiltPackageOptions {
  /** The scratch folder's path prefix (`mkdtemp` adds six random characters). */
  prefix: string;
  /** Fills the scratch folder as npm would publish the package: package.json plus a fresh `dist`. */
  build: (dir: string) => Promise<void>;
  /** The `beforeAll` budget: a cold `tsc` run takes most of it. */
  timeoutMs: number;
}

/**
 * Registers the `beforeAll` that builds a package into a fresh scratch folder and the `afterAll` that
 * removes it, so each package-shape test says only how its package is built and what it checks.
 */
export function useBuiltPackage({ prefix, build, timeoutMs }: BuiltPackageOptions): BuiltPackage {
  const built = { dir: '' };
  beforeAll(async () => {
    built.dir = await mkdtemp(prefix);
    await build(built.dir);
  }, timeoutMs);
  afterAll(async () => {
    if (built.dir) await rm(built.dir, { recursive: true, force: true });
  });
  return built;
}

/** Runs the workspace's TypeScript compiler with `args` in plain Node (a cold run needs tens of seconds). */
export async function runTsc(args: readonly string[], timeoutMs = 50_000): Promise<void> {
  await promisify(execFile)(process.execPath, [tscBin, ...args], { timeout: timeoutMs });
}

/**
 * What publint in strict mode finds in the package folder `dir`, as its sentences (its code where it
 * has none), so a failing test shows what to fix; none: nothing to fix.
 */
export async function publintFindings(dir: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const { messages } = await publint({ pkgDir: dir, strict: true });
  return messages.map((message) => formatMessage(message, pkg) ?? message.code);
}
