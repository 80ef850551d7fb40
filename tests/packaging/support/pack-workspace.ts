import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The published packages, in build order. */
export const PUBLISHED = ['core', 'uppy', 'react', 'server', 'sandbox'] as const;
export type PublishedPackage = (typeof PUBLISHED)[number];

/** One tarball as `npm pack` made it. */
export interface Tarball {
  pkg: PublishedPackage;
  /** `@vod-uploader/<pkg>` */
  name: string;
  path: string;
  /** Paths inside the tarball, without the `package/` prefix. */
  files: string[];
  /** The package.json inside the tarball (what npm publishes). */
  manifest: PackedManifest;
}

export interface PackedManifest {
  name: string;
  version: string;
  license?: string;
  description?: string;
  keywords?: string[];
  repository?: { type: string; url: string; directory?: string };
  engines?: Record<string, string>;
  exports: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * `npm run build` (every package's `dist/` with types), then `npm pack` of each published package
 * into `outDir`, through npm's own lifecycle (so `prepack` strips the workspace-only `source`
 * condition exactly as a publish would).
 */
export async function packWorkspace(outDir: string): Promise<Tarball[]> {
  await mkdir(outDir, { recursive: true });
  // Five `tsc` builds: ~30 s of CPU, minutes of wall time on a shared, loaded machine.
  await run('npm', ['run', 'build'], { cwd: repoRoot, timeout: 400_000, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { killed?: boolean; stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `npm run build ${error.killed ? 'timed out' : 'failed'}:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`,
      );
    },
  );
  const { stdout } = await run(
    'npm',
    [
      'pack',
      '--json',
      '--pack-destination',
      outDir,
      ...PUBLISHED.flatMap((pkg) => ['--workspace', `packages/${pkg}`]),
    ],
    { cwd: repoRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return Promise.all(
    PUBLISHED.map(async (pkg) => {
      const entry = packed.find((p) => p.name === `@vod-uploader/${pkg}`);
      if (!entry) throw new Error(`npm pack made no tarball of @vod-uploader/${pkg}`);
      const path = join(outDir, entry.filename);
      const { stdout: manifest } = await run('tar', ['-xzOf', path, 'package/package.json'], {
        maxBuffer: 1024 * 1024,
      });
      return {
        pkg,
        name: entry.name,
        path,
        files: entry.files.map((f) => f.path),
        manifest: JSON.parse(manifest),
      };
    }),
  );
}

/** Every file an `exports` map (or `bin`) points at, with the `./` dropped. */
export function exportTargets(manifest: PackedManifest): string[] {
  const targets: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  walk(manifest.exports);
  walk(manifest.bin ?? {});
  return targets;
}

/** Every condition name used anywhere in an `exports` map. */
export function exportConditions(manifest: PackedManifest): string[] {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (!key.startsWith('.')) names.add(key);
      walk(item);
    }
  };
  walk(manifest.exports);
  return [...names];
}

/** The package.json of a workspace package, as committed. */
export async function workspaceManifest(pkg: PublishedPackage): Promise<PackedManifest> {
  return JSON.parse(await readFile(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8'));
}
