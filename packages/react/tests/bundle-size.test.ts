import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions, type Rollup } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const BUDGET_GZIP_BYTES = 100 * 1024;
const root = join(import.meta.dirname, 'bundle');
const outDir = mkdtempSync(join(tmpdir(), 'vod-react-bundle-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Every chunk the entry loads before any upload: the entry and its static imports, transitively. */
function initialChunks(chunks: Rollup.OutputChunk[]): Rollup.OutputChunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return [...seen].flatMap((name) => byName.get(name) ?? []);
}

const gzipSize = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('bundle of a page with <VodUploader provider="tencent" />', () => {
  it('loads ≤ 100 KB of gzip JS (React excluded) before the first upload; the COS SDK is a separate chunk', async () => {
    const result = (await build({
      configFile: false,
      root,
      logLevel: 'silent',
      resolve: { conditions: ['source', ...defaultClientConditions] },
      plugins: [react()],
      build: {
        outDir,
        emptyOutDir: true,
        // React is the app's, not ours: leave it out of the measurement.
        rollupOptions: { external: [/^react(-dom)?(\/.*)?$/, /^scheduler/] },
      },
    })) as Rollup.RollupOutput;
    const chunks = result.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
    const initial = initialChunks(chunks);
    const initialGzip = initial.reduce((sum, c) => sum + gzipSize(c.fileName), 0);
    const cssGzip = result.output
      .filter((o) => o.type === 'asset' && o.fileName.endsWith('.css'))
      .reduce((sum, o) => sum + gzipSize(o.fileName), 0);

    const sdkChunks = chunks.filter((c) =>
      c.moduleIds.some((id) => id.includes('/node_modules/cos-js-sdk-v5/')),
    );
    const report = chunks
      .map(
        (c) =>
          `${initial.includes(c) ? 'initial' : 'lazy   '} ${c.fileName} ${kb(gzipSize(c.fileName))} gzip`,
      )
      .join('\n');
    console.log(
      `${report}\nJS before the first upload: ${kb(initialGzip)} gzip (budget ${kb(BUDGET_GZIP_BYTES)}); CSS ${kb(cssGzip)} gzip`,
    );

    expect(initialGzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(sdkChunks.length).toBeGreaterThan(0);
    for (const chunk of sdkChunks) {
      expect(initial).not.toContain(chunk);
      expect(chunk.isDynamicEntry).toBe(true);
    }
    // No React inside: it stayed external.
    expect(chunks.some((c) => c.moduleIds.some((id) => /\/node_modules\/react-dom\//.test(id)))).toBe(false);
  });
});
