import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let workDir: string;

/** The package as npm would publish it: package.json plus a fresh `dist`. */
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'vod-core-pkg-'));
  await cp(join(packageDir, 'package.json'), join(workDir, 'package.json'));
  const tsc = require.resolve('typescript/bin/tsc');
  await promisify(execFile)(
    process.execPath,
    [tsc, '-p', join(packageDir, 'tsconfig.build.json'), '--outDir', join(workDir, 'dist')],
    {
      timeout: 50_000,
    },
  );
}, 60_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('@vod-uploader/core package', () => {
  it('passes publint in strict mode', async () => {
    const pkg = JSON.parse(await readFile(join(workDir, 'package.json'), 'utf8'));
    const { messages } = await publint({ pkgDir: workDir, strict: true });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  it('has no runtime dependencies', async () => {
    const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.peerDependencies).toBeUndefined();
  });

  it('runs from its built output in plain Node, without the source condition', async () => {
    const core = await import(pathToFileURL(join(workDir, 'dist', 'index.js')).href);
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
