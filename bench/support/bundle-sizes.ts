import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions, type Rollup } from 'vite';

/** Gzip sizes of one built page: what loads before the first upload, and each lazy chunk. */
export interface BundleSizes {
  name: string;
  initialGzip: number;
  lazy: { name: string; gzip: number }[];
}

/**
 * Builds `entry` (a page script) with Vite 8 the way an app would (production, minified, React left
 * external: it is the app's), and measures gzip -9 of each chunk.
 */
export async function bundleSizes(workDir: string, name: string, entry: string): Promise<BundleSizes> {
  await mkdir(workDir, { recursive: true });
  const dir = await mkdtemp(join(workDir, 'bundle-'));
  try {
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="./main.jsx"></script>',
    );
    await writeFile(join(dir, 'main.jsx'), entry);
    const output = (await build({
      configFile: false,
      root: dir,
      logLevel: 'silent',
      resolve: { conditions: ['source', ...defaultClientConditions] },
      plugins: [react()],
      build: {
        write: false,
        rollupOptions: { external: [/^react(-dom)?(\/.*)?$/, /^scheduler/] },
      },
    })) as Rollup.RollupOutput;
    const chunks = output.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const initial = new Set<string>();
    const visit = (file: string) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const imported of byName.get(file)?.imports ?? []) visit(imported);
    };
    for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
    const gzip = (chunk: Rollup.OutputChunk) => gzipSync(chunk.code, { level: 9 }).length;
    const label = (chunk: Rollup.OutputChunk) => {
      const pkg = chunk.moduleIds
        .map((id) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1])
        .find((p) => p && !p.startsWith('@vod-uploader'));
      return pkg ?? chunk.name;
    };
    return {
      name,
      initialGzip: chunks.filter((c) => initial.has(c.fileName)).reduce((n, c) => n + gzip(c), 0),
      lazy: chunks.filter((c) => !initial.has(c.fileName)).map((c) => ({ name: label(c), gzip: gzip(c) })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
