import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Chunk = Rollup.OutputChunk;
type Asset = Rollup.OutputAsset;

/** A page whose script only imports the three plugins, built the way an app would build it. */
let chunks: Chunk[];
let assets: Asset[];
let dir: string;

// Inside the repository, so the page resolves packages the way an app in the workspace would.
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules', '.cache');

beforeAll(async () => {
  mkdirSync(cacheDir, { recursive: true });
  dir = await mkdtemp(join(cacheDir, 'vod-uppy-bundle-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
  await writeFile(
    join(dir, 'main.js'),
    "import { AliyunPlugin, S3Plugin, TencentPlugin } from '@vod-uploader/uppy';\nwindow.plugins = [TencentPlugin, AliyunPlugin, S3Plugin];\n",
  );
  const output = await build({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: { write: false, minify: false, outDir: join(dir, 'dist') },
  });
  const results = Array.isArray(output) ? output : [output];
  const items = results.flatMap((r) => ('output' in r ? r.output : []));
  chunks = items.filter((item): item is Chunk => item.type === 'chunk');
  assets = items.filter((item): item is Asset => item.type === 'asset');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The entry chunk and every chunk it imports statically: what the page loads before any upload. */
function initialChunks(): Chunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  for (const entry of chunks.filter((c) => c.isEntry)) visit(entry);
  return [...seen].map((name) => byName.get(name) as Chunk);
}

const fromPackage = (chunk: Chunk, pkg: string) =>
  chunk.moduleIds.some((id) => id.includes(`/node_modules/${pkg}/`));

describe('the bundle of a page that uses the uploader plugins', () => {
  it('loads neither cos-js-sdk-v5 nor ali-oss up front', () => {
    const initial = initialChunks();
    expect(initial.length).toBeGreaterThan(0);
    expect(initial.some((c) => c.moduleIds.some((id) => id.includes('/packages/uppy/src/')))).toBe(true);
    expect(initial.filter((c) => fromPackage(c, 'cos-js-sdk-v5')).map((c) => c.fileName)).toEqual([]);
    expect(initial.filter((c) => fromPackage(c, 'ali-oss')).map((c) => c.fileName)).toEqual([]);
  });

  it('has each SDK in its own lazily imported chunk', () => {
    const initial = new Set(initialChunks().map((c) => c.fileName));
    const cos = chunks.filter((c) => fromPackage(c, 'cos-js-sdk-v5'));
    const oss = chunks.filter((c) => fromPackage(c, 'ali-oss'));
    expect(cos.length).toBeGreaterThan(0);
    expect(oss.length).toBeGreaterThan(0);
    for (const chunk of [...cos, ...oss]) expect(initial.has(chunk.fileName)).toBe(false);
    expect(cos.some((c) => oss.includes(c))).toBe(false);
    const dynamic = new Set(chunks.flatMap((c) => c.dynamicImports));
    expect([...cos, ...oss].some((c) => dynamic.has(c.fileName))).toBe(true);
  });

  it('evaluates ali-oss in a module worker of its own (the page keeps ali-oss only as a fallback chunk)', () => {
    const worker = assets.find((a) => /oss-worker/.test(a.fileName));
    expect(worker?.fileName).toMatch(/\.js$/);
    // ali-oss's browser build, with its Signature V1 code, is inside the worker.
    expect(String(worker?.source)).toMatch(/x-oss-security-token/);
  });

  it('hashes parts in a module worker of its own, and keeps hash-wasm out of the initial chunks', () => {
    const worker = assets.find((a) => /crc-worker/.test(a.fileName));
    expect(worker?.fileName).toMatch(/\.js$/);
    // The worker carries the WebAssembly CRC (hash-wasm inlines its module as base64).
    expect(String(worker?.source)).toMatch(/crc64|CRC64/i);
    expect(
      initialChunks()
        .filter((c) => fromPackage(c, 'hash-wasm'))
        .map((c) => c.fileName),
    ).toEqual([]);
  });
});
