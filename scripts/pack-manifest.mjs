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

if (command === 'strip') {
  restore();
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  writeFileSync(BACKUP, text);
  writeFileSync(
    MANIFEST,
    `${JSON.stringify({ ...manifest, exports: withoutSource(manifest.exports) }, null, 2)}\n`,
  );
} else if (command === 'restore') {
  restore();
} else {
  console.error('usage: pack-manifest.mjs strip|restore');
  process.exit(2);
}
