import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = join(packageDir, '..', 'core');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let workDir: string;

/**
 * The package as npm would publish it (package.json plus a fresh `dist`), next to a built
 * `@vod-uploader/core` in its own node_modules. The scratch folder sits inside the package so the
 * third-party dependencies resolve from the workspace, never from the sources.
 */
beforeAll(async () => {
  workDir = await mkdtemp(join(packageDir, '.pkg-'));
  const coreOut = join(workDir, 'node_modules', '@vod-uploader', 'core');
  await run(
    process.execPath,
    [tsc, '-p', join(coreDir, 'tsconfig.build.json'), '--outDir', join(coreOut, 'dist')],
    {
      timeout: 50_000,
    },
  );
  await cp(join(coreDir, 'package.json'), join(coreOut, 'package.json'));
  const tsconfig = join(workDir, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: join(packageDir, 'tsconfig.build.json'),
      compilerOptions: {
        rootDir: join(packageDir, 'src'),
        outDir: join(workDir, 'dist'),
        paths: { '@vod-uploader/core': [join(coreOut, 'dist', 'index.d.ts')] },
      },
      include: [join(packageDir, 'src')],
      exclude: [join(packageDir, 'src', '**', '*.test.ts')],
    }),
  );
  await run(process.execPath, [tsc, '-p', tsconfig], { timeout: 50_000 });
  await cp(join(packageDir, 'package.json'), join(workDir, 'package.json'));
}, 110_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('@vod-uploader/server package', () => {
  it('passes publint in strict mode', async () => {
    const pkg = JSON.parse(await readFile(join(workDir, 'package.json'), 'utf8'));
    const { messages } = await publint({ pkgDir: workDir, strict: true });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  it('runs from its built output in plain Node, without the source condition', async () => {
    const entry = pathToFileURL(join(workDir, 'dist', 'index.js')).href;
    const script = `const s = await import(${JSON.stringify(entry)});
      const h = s.createVodHandler({ allowAnyone: true, s3: { accessKeyId: 'a', secretAccessKey: 'b', region: 'r', bucket: 'b' } });
      const r = await h(new Request('http://x/api/vod/s3/sign', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"PUT","key":"a.exe"}' }));
      console.log(JSON.stringify({ names: Object.keys(s).sort(), status: r.status, body: await r.json() }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: workDir,
      timeout: 30_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out.names).toEqual(
      expect.arrayContaining([
        'createVodHandler',
        'toNodeHandler',
        'toExpressMiddleware',
        'refuse',
        'configFromEnv',
        'configFromSandboxDescriptor',
        'SERVER_ROUTES',
        'CloudCallError',
      ]),
    );
    expect(out.status).toBe(400);
    expect(out.body.error).toMatchObject({ code: 'policy_refused', field: 'fileName' });
  });
});
