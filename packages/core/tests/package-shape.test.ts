import { cp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publintFindings, runTsc, useBuiltPackage } from '../../../tests/support/built-package.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The package as npm would publish it: package.json plus a fresh `dist`. */
const built = useBuiltPackage({
  prefix: join(tmpdir(), 'vod-core-pkg-'),
  timeoutMs: 60_000,
  build: async (dir) => {
    await cp(join(packageDir, 'package.json'), join(dir, 'package.json'));
    await runTsc(['-p', join(packageDir, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')]);
  },
});

describe('@vod-uploader/core package', () => {
  it('passes publint in strict mode', async () => {
    expect(await publintFindings(built.dir)).toEqual([]);
  });

  it('has no runtime dependencies', async () => {
    const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.peerDependencies).toBeUndefined();
  });

  it('runs from its built output in plain Node, without the source condition', async () => {
    const core = await import(pathToFileURL(join(built.dir, 'dist', 'index.js')).href);
    for (const name of [
      'decodeTencentApplyUpload',
      'decodeTencentCommitUpload',
      'decodeTencentTask',
      'decodeAliyunCreateUploadVideo',
      'decodeAliyunRefreshUploadVideo',
      'decodeAliyunCreateUploadImage',
      'decodeAliyunUrlUploadInfo',
      'decodeEndpointResponse',
      'fileFingerprint',
      'backoffDelay',
      'isRetryableStatus',
      'ClockSkew',
      'ProgressMeter',
      'isCheckpointUsable',
      'pickPartSize',
      'normalizeMediaExtension',
      'userMessageOf',
      'vodError',
      'isVodUploadError',
    ]) {
      expect(typeof core[name], name).toBe('function');
    }
    expect(core.normalizeMediaExtension('a.MP4')).toBe('mp4');
  });

  it('imports nothing but its own modules and uses no Node- or DOM-only globals', async () => {
    const sourceDir = join(packageDir, 'src');
    const files = (await readdir(sourceDir)).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(join(sourceDir, file), 'utf8');
      const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
      for (const specifier of specifiers)
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\/[\w-]+\.js$/);
      expect(text, file).not.toMatch(/\b(Buffer|process|window|document|localStorage|require)\b[.(]/);
    }
  });
});
