import { execFile } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { publintFindings, runTsc, useBuiltPackage } from '../../../tests/support/built-package.js';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = join(packageDir, '..', 'core');

/**
 * The package as npm would publish it (package.json plus a fresh `dist`), next to a built
 * `@vod-uploader/core` in its own node_modules. The scratch folder sits inside the package so the
 * third-party dependencies resolve from the workspace, never from the sources.
 */
const built = useBuiltPackage({
  prefix: join(packageDir, '.pkg-'),
  timeoutMs: 110_000,
  build: async (workDir) => {
    const coreOut = join(workDir, 'node_modules', '@vod-uploader', 'core');
    await runTsc(['-p', join(coreDir, 'tsconfig.build.json'), '--outDir', join(coreOut, 'dist')]);
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
    await runTsc(['-p', tsconfig]);
    await cp(join(packageDir, 'package.json'), join(workDir, 'package.json'));
  },
});

describe('@vod-uploader/server package', () => {
  it('passes publint in strict mode', async () => {
    expect(await publintFindings(built.dir)).toEqual([]);
  });

  it('runs from its built output in plain Node, without the source condition', async () => {
    const entry = pathToFileURL(join(built.dir, 'dist', 'index.js')).href;
    const script = `const s = await import(${JSON.stringify(entry)});
      const h = s.createVodHandler({ allowAnyone: true, s3: { accessKeyId: 'a', secretAccessKey: 'b', region: 'r', bucket: 'b' } });
      const r = await h(new Request('http://x/api/vod/s3/sign', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"PUT","key":"a.exe"}' }));
      console.log(JSON.stringify({ names: Object.keys(s).sort(), status: r.status, body: await r.json() }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: built.dir,
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
