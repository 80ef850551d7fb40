#!/usr/bin/env node
/**
 * `prepack` / `postpack` of every published package: `strip` removes the `source` export condition
 * (the workspace's way to resolve a package to its TypeScript sources, which are not published) from
 * package.json before npm packs it, keeping the original beside it; `restore` puts the original back.
 *
 * Why not ship `src/` instead: `source` is a common condition name, so an app that sets it for its own
 * workspace would then compile our TypeScript with its own compiler settings. Stripped, the published
 * map points only at files the tarball holds. A pack that was interrupted is repaired by the next one.
 *
 * `strip` refuses to pack (exit 1, nothing changed) when a file the manifest points at is missing:
 * `dist/` is not committed, and npm would otherwise pack a package that cannot be imported, without a
 * word. The packed manifest keeps `prepack`/`postpack`, which work only here (npm runs neither on
 * install): after an interrupted pack, the stripped manifest's `prepack` is what does the repair.
 *
 * Usage (from a package directory): node ../../scripts/pack-manifest.mjs strip|restore
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const MANIFEST = 'package.json';
const BACKUP = 'package.json.prepack';
const command = process.argv[2];

function restore() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
}

/** The export map without the `source` condition, at any depth. */
function withoutSource(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSource(value)]),
  );
}

/** `[where, path]` of every file the manifest points at (`exports`, `main`, `module`, `types`, `bin`). */
function targets(manifest) {
  const found = [];
  const walk = (where, value) => {
    if (typeof value === 'string') found.push([where, value]);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(`${where}[${JSON.stringify(key)}]`, item);
    }
  };
  for (const field of ['main', 'module', 'types', 'typings', 'exports']) walk(field, manifest[field]);
  walk('bin', typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : manifest.bin);
  // A subpath pattern (`./*`) names no one file; the others must exist.
  return found.filter(([, path]) => !path.includes('*'));
}

if (command === 'strip') {
  restore();
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  const published = { ...manifest, exports: withoutSource(manifest.exports) };
  const missing = targets(published).filter(([, path]) => !existsSync(path));
  if (missing.length > 0) {
    console.error(
      `${manifest.name}: not packed, as files its package.json points at are missing:\n` +
        missing.map(([where, path]) => `  ${path} (${where})\n`).join('') +
        'Run `npm run build` first (at the repository root), or `npm run pack:all`, which builds and packs all five.',
    );
    process.exit(1);
  }
  writeFileSync(BACKUP, text);
  writeFileSync(MANIFEST, `${JSON.stringify(published, null, 2)}\n`);
} else if (command === 'restore') {
  restore();
} else {
  console.error('usage: pack-manifest.mjs strip|restore');
  process.exit(2);
}
