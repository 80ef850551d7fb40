import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../playwright.config.js';
import { type ProcessWithDescriptor, spawnWithDescriptor } from '../support/spawn-with-descriptor.js';
import {
  exportConditions,
  exportTargets,
  PUBLISHED,
  packWorkspace,
  repoRoot,
  type Tarball,
  workspaceManifest,
} from './support/pack-workspace.js';
import { answers, createQuickStartApp, freePort, type QuickStartApp } from './support/quick-start-app.js';
import { readmeFiles } from './support/readme-files.js';
import { SandboxObjects } from './support/sandbox-objects.js';
import { loggedId, uploadInChromium } from './support/upload-in-chromium.js';

const run = promisify(execFile);
const PROVIDERS = ['tencent', 'aliyun', 's3'] as const;
/**
 * `examples/*`, each built for production and served as its README says, here against the same
 * install, sandbox and browser.
 */
const EXAMPLES = {
  'express-vite': { build: ['vite', 'build', '--logLevel', 'warn'], serve: serveScript },
  hono: { build: ['vite', 'build', '--logLevel', 'warn'], serve: serveScript },
  nextjs: { build: ['next', 'build'], serve: serveNext },
} satisfies Record<string, { build: string[]; serve: (cwd: string) => Promise<string> }>;
const MP4 = join(repoRoot, 'tests/fixtures/sample-6s-640x360.mp4');
const attw = join(repoRoot, 'node_modules/@arethetypeswrong/cli/dist/index.js');

let packDir: string;
let tarballs: Tarball[];
let app: QuickStartApp;
let browser: Browser;
let sandbox: ProcessWithDescriptor<{ url: string; adminUrl: string }>;
let sandboxUrl: string;
let objects: SandboxObjects;

/** What the examples install besides our packages (those come from the tarballs). */
async function exampleDependencies(): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const example of Object.keys(EXAMPLES)) {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'examples', example, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      if (!name.startsWith('@vod-uploader/')) all[name] ??= range as string;
    }
  }
  return all;
}

/**
 * One build, one pack and one install for every test here: the tarballs are what `npm publish`
 * would upload, and the app is a fresh Vite + React app outside the repository with them installed
 * (the examples are copied under it and use its `node_modules`). One sandbox, started as its README
 * says (the installed `vod-sandbox` bin prints its descriptor when ready), and one browser serve all.
 */
beforeAll(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'vod-packs-'));
  tarballs = await packWorkspace(packDir);
  app = await createQuickStartApp(tarballs, await exampleDependencies());
  for (const example of Object.keys(EXAMPLES)) {
    await cp(join(repoRoot, 'examples', example), join(app.dir, 'examples', example), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist|sandbox-data|\.next)$/.test(source),
    });
  }
  sandbox = await spawnWithDescriptor<{ url: string; adminUrl: string }>(
    join(app.dir, 'node_modules/.bin/vod-sandbox'),
    ['--port', '0', '--data', './sandbox-data'],
    { name: 'the installed vod-sandbox bin', cwd: app.dir, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  sandboxUrl = sandbox.descriptor.url;
  objects = new SandboxObjects(sandbox.descriptor.adminUrl);
  browser = await chromium.launch(chromiumLaunchOptions);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await app?.close();
  if (packDir) await rm(packDir, { recursive: true, force: true });
});

/** Starts `node server.mjs` in `cwd` against the sandbox on a free port; resolves with its origin. */
async function serveScript(cwd: string): Promise<string> {
  const port = await freePort();
  const server = app.start(
    process.execPath,
    ['server.mjs'],
    { SANDBOX_URL: sandboxUrl, PORT: String(port) },
    cwd,
  );
  const origin = `http://127.0.0.1:${port}`;
  await answers(`${origin}/api/vod/`, server, 30_000);
  return origin;
}

/** `next start` in `cwd` against the sandbox on a free port; resolves with its origin. */
async function serveNext(cwd: string): Promise<string> {
  const port = await freePort();
  const server = app.start(
    join(app.dir, 'node_modules/.bin/next'),
    ['start', '--port', String(port), '--hostname', '127.0.0.1'],
    { SANDBOX_URL: sandboxUrl },
    cwd,
  );
  const origin = `http://127.0.0.1:${port}`;
  await answers(`${origin}/api/vod/`, server, 60_000);
  return origin;
}

describe('packaging', () => {
  it('packaging: every tarball has its LICENSE, metadata, and every file its exports and bin name', () => {
    expect(tarballs.map((t) => t.pkg)).toEqual([...PUBLISHED]);
    for (const { name, files, manifest } of tarballs) {
      expect(files, name).toContain('LICENSE');
      expect(manifest.license, name).toBe('MIT');
      expect(manifest.description, name).toEqual(expect.any(String));
      expect(manifest.keywords?.length, name).toBeGreaterThan(0);
      expect(manifest.repository, name).toMatchObject({
        type: 'git',
        directory: `packages/${name.split('/')[1]}`,
      });
      // The workspace resolves packages to their sources through `source`; sources are not shipped.
      expect(exportConditions(manifest), name).not.toContain('source');
      for (const target of exportTargets(manifest)) expect(files, `${name} → ${target}`).toContain(target);
    }
  });

  it('packaging: packing leaves the workspace manifests as committed (postpack restores `source`)', async () => {
    for (const pkg of PUBLISHED) {
      expect((await workspaceManifest(pkg)).exports['.'], pkg).toMatchObject({ source: './src/index.ts' });
      expect(existsSync(join(repoRoot, 'packages', pkg, 'package.json.prepack')), pkg).toBe(false);
    }
  });

  it('packaging: Node engines only where Node runs the code, and Uppy and React as peers', () => {
    const byPkg = Object.fromEntries(tarballs.map((t) => [t.pkg, t.manifest]));
    for (const pkg of ['server', 'sandbox']) expect(byPkg[pkg]?.engines).toEqual({ node: '>=20.19' });
    for (const pkg of ['core', 'uppy', 'react']) expect(byPkg[pkg]?.engines).toBeUndefined();
    expect(byPkg.sandbox?.bin).toEqual({ 'vod-sandbox': './dist/cli.js' });
    // @uppy/locales: the framework-free Uppy locale of our options (uppyLocaleOf) lives in uppy now.
    expect(Object.keys(byPkg.uppy?.peerDependencies ?? {}).sort()).toEqual(['@uppy/core', '@uppy/locales']);
    expect(Object.keys(byPkg.react?.peerDependencies ?? {}).sort()).toEqual(
      ['@uppy/core', '@uppy/dashboard', '@uppy/locales', '@uppy/react', 'react', 'react-dom'].sort(),
    );
    for (const pkg of ['uppy', 'react'])
      expect(Object.keys(byPkg[pkg]?.dependencies ?? {}).filter((d) => d.startsWith('@uppy/'))).toEqual([]);
  });

  it('packaging: publint (strict) and attw (esm-only profile) find nothing in any tarball', async () => {
    for (const { name, path } of tarballs) {
      const tarball = (await readFile(path)).buffer as ArrayBuffer;
      const { messages, pkg } = await publint({ pack: { tarball }, strict: true });
      expect(
        messages.map((message) => formatMessage(message, pkg)),
        name,
      ).toEqual([]);
      // A stylesheet has no types to resolve: attw's docs say to leave such entry points out. attw
      // exits non-zero when it finds a problem the profile does not ignore.
      const attwRun = await run(
        process.execPath,
        [attw, path, '--profile', 'esm-only', '--format', 'ascii', '--exclude-entrypoints', './styles.css'],
        { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      ).then(
        () => ({ ok: true, output: '' }),
        (error: { stdout?: string; stderr?: string }) => ({
          ok: false,
          output: `${error.stdout}${error.stderr}`,
        }),
      );
      expect(attwRun, name).toEqual({ ok: true, output: '' });
    }
  }, 180_000);

  it('packaging: every public entry and the quick start type-check in the app with skipLibCheck false', async () => {
    const page = await readmeFiles('README.md');
    const files = new Map<string, string>([
      ['src/main.tsx', page.get('src/main.tsx') ?? ''],
      [
        'src/entries.ts',
        `${PUBLISHED.map((pkg) => `import * as ${pkg} from '@vod-uploader/${pkg}';`).join('\n')}\nexport const entries = { ${PUBLISHED.join(', ')} };\n`,
      ],
      [
        'tsconfig.json',
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            module: 'ESNext',
            moduleResolution: 'Bundler',
            jsx: 'react-jsx',
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            types: ['node'],
          },
          include: ['src', 'examples/*/src'],
        }),
      ],
    ]);
    await app.writeFiles(files);
    await app.exec('tsc', ['-p', 'tsconfig.json'], 120_000);
  }, 150_000);

  it('packaging: the packages load with require() too, as the server README says (Node ≥ 20.19 requires ESM)', async () => {
    const script = `for (const pkg of ${JSON.stringify(PUBLISHED)}) console.log(pkg, typeof require('@vod-uploader/' + pkg));`;
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', script], {
      cwd: app.dir,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(stdout.trim().split('\n')).toEqual(PUBLISHED.map((pkg) => `${pkg} object`));
  });

  it('packaging: REDIS_URL without @redis/client installed is config_invalid at start-up, not 503s later', async () => {
    // The fresh app has no @redis/client (an optional peer): what a user who skipped the install has.
    expect(existsSync(join(app.dir, 'node_modules/@redis/client'))).toBe(false);
    const script = `import { configFromEnv } from '@vod-uploader/server';
try { configFromEnv({ REDIS_URL: 'redis://127.0.0.1:1' }); console.log('accepted'); }
catch (error) { console.log(error.code, error.message); }`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app.dir,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(stdout).toContain('config_invalid');
    expect(stdout).toContain('npm install @redis/client');
  });

  describe('packaging: the README quick start, built with Vite, uploads through Chromium', () => {
    let previewUrl: string;
    let endpoint: string;

    beforeAll(async () => {
      const page = await readmeFiles('README.md');
      const server = await readmeFiles('packages/server/README.md');
      const files = new Map<string, string>();
      for (const path of ['index.html', 'src/main.tsx', 'vite.config.ts']) {
        expect(page.get(path), `README.md has ${path}`).toBeDefined();
        files.set(path, page.get(path)!);
      }
      expect(server.get('server.mjs'), 'packages/server/README.md has server.mjs').toBeDefined();
      files.set('server.mjs', server.get('server.mjs')!);
      // One page per provider: the README's, with `provider="tencent"` swapped for the others.
      const main = page.get('src/main.tsx')!;
      expect(main).toContain('provider="tencent"');
      for (const provider of PROVIDERS.slice(1)) {
        files.set(`src/main-${provider}.tsx`, main.replace('provider="tencent"', `provider="${provider}"`));
        files.set(
          `${provider}.html`,
          page.get('index.html')!.replace('/src/main.tsx', `/src/main-${provider}.tsx`),
        );
      }
      // The quick start with its stylesheet import forgotten (served by the dev server only).
      const unstyled = main.replace("import '@vod-uploader/react/styles.css';\n", '');
      expect(unstyled).not.toBe(main);
      files.set('src/main-unstyled.tsx', unstyled);
      files.set('unstyled.html', page.get('index.html')!.replace('/src/main.tsx', '/src/main-unstyled.tsx'));
      files.set(
        'vite.packaging.config.mjs',
        `import { mergeConfig } from 'vite';\nimport base from './vite.config.ts';\nexport default mergeConfig(base, { build: { rolldownOptions: { input: ['index.html', 'aliyun.html', 's3.html'] } } });\n`,
      );
      await app.writeFiles(files);
      await app.exec(
        'vite',
        ['build', '--config', 'vite.packaging.config.mjs', '--logLevel', 'warn'],
        150_000,
      );

      endpoint = await serveScript(app.dir);
      const previewPort = await freePort();
      const preview = app.start(
        join(app.dir, 'node_modules/.bin/vite'),
        [
          'preview',
          '--config',
          'vite.packaging.config.mjs',
          '--host',
          '127.0.0.1',
          '--port',
          String(previewPort),
          '--strictPort',
        ],
        { VOD_ENDPOINT: endpoint },
      );
      previewUrl = `http://127.0.0.1:${previewPort}`;
      await answers(previewUrl, preview, 30_000);
    }, 300_000);

    for (const provider of PROVIDERS) {
      it(`packaging: ${provider} stores the file's exact bytes (sha256 through the sandbox)`, async () => {
        const page = provider === 'tencent' ? '' : `${provider}.html`;
        const upload = await uploadInChromium(browser, `${previewUrl}/${page}`, MP4, objects, loggedId);
        expect(upload.id).not.toBe('');
        expect(upload.stored).toHaveLength(1);
        expect(upload.stored[0]?.sha256).toBe(upload.expected);
      }, 60_000);
    }

    describe('packaging: the same quick start under `npx vite`, the dev server', () => {
      let devUrl: string;

      beforeAll(async () => {
        const port = await freePort();
        // The README's own command and config: no --config, nothing the README does not say.
        const dev = app.start(
          join(app.dir, 'node_modules/.bin/vite'),
          ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
          { VOD_ENDPOINT: endpoint },
        );
        devUrl = `http://127.0.0.1:${port}`;
        await answers(devUrl, dev, 60_000);
        // Each page once, so Vite's first dependency scan (and the reload it may cause) is over.
        for (const page of ['', 'aliyun.html', 's3.html']) {
          const tab = await browser.newPage();
          await tab.goto(`${devUrl}/${page}`, { waitUntil: 'networkidle' });
          await tab.close();
        }
      }, 120_000);

      it('packaging: a page that forgot the stylesheet import is told so in the console; the README page is not', async () => {
        const warningsOf = async (page: string) => {
          const tab = await browser.newPage();
          const warnings: string[] = [];
          tab.on('console', (message) => {
            if (message.type() === 'warning') warnings.push(message.text());
          });
          await tab.goto(`${devUrl}/${page}`, { waitUntil: 'networkidle' });
          await tab.locator('.uppy-Dashboard').waitFor();
          await tab.waitForTimeout(1_500);
          await tab.close();
          return warnings.filter((text) => text.includes('@vod-uploader/react'));
        };
        expect(await warningsOf('unstyled.html')).toEqual([
          expect.stringContaining('styles.css is not loaded'),
        ]);
        expect(await warningsOf('')).toEqual([]);
      }, 60_000);

      for (const provider of PROVIDERS) {
        it(`packaging: ${provider} uploads under the dev server (sha256 through the sandbox)`, async () => {
          const page = provider === 'tencent' ? '' : `${provider}.html`;
          const upload = await uploadInChromium(browser, `${devUrl}/${page}`, MP4, objects, loggedId);
          expect(upload.id).not.toBe('');
          expect(upload.stored[0]?.sha256).toBe(upload.expected);
        }, 60_000);
      }
    });
  });

  for (const [example, { build, serve }] of Object.entries(EXAMPLES)) {
    describe(`packaging: examples/${example}, built for production, uploads through Chromium`, () => {
      let origin: string;

      beforeAll(async () => {
        const dir = join(app.dir, 'examples', example);
        const [bin, ...args] = build;
        await app.exec(bin!, args, 240_000, dir);
        origin = await serve(dir);
      }, 300_000);

      for (const provider of PROVIDERS) {
        it(`packaging: examples/${example} stores an upload to ${provider} byte for byte`, async () => {
          const upload = await uploadInChromium(
            browser,
            `${origin}/?provider=${provider}`,
            MP4,
            objects,
            async (page) => {
              const item = page.locator(`[data-testid="uploaded"][data-provider="${provider}"] code`);
              await item.waitFor({ timeout: 30_000 });
              return (await item.textContent()) ?? '';
            },
          );
          expect(upload.id).not.toBe('');
          expect(upload.stored).toHaveLength(1);
          expect(upload.stored[0]?.sha256).toBe(upload.expected);
        }, 60_000);
      }
    });
  }
});
