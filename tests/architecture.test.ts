import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED } from '../packages/core/tests/fixtures/documented-cloud-codes.js';

const root = join(import.meta.dirname, '..');

/** What each library package may import from the workspace (style.md, "Import direction"). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  uppy: ['core'],
  react: ['core', 'uppy'],
  server: ['core'],
  sandbox: ['core'],
};
const BROWSER_PACKAGES = ['core', 'uppy', 'react'];

function manifestOf(pkg: string) {
  return JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
}

/** A subpath import that its package does not export (`@vod-uploader/x/src/...`). */
function isDeepImport(specifier: string): boolean {
  const match = /^@vod-uploader\/([^/]+)\/(.+)$/.exec(specifier);
  if (!match) return false;
  const exported = Object.keys(manifestOf(match[1] ?? '').exports ?? {});
  return !exported.includes(`./${match[2]}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A file's text with comments left out (examples in TSDoc are not imports). */
function codeOf(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

/** Every import specifier of a file, relative ones included. */
function allImportsOf(file: string): string[] {
  return [...codeOf(file).matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

/** Import specifiers of a file that name packages (relative imports left out). */
function importsOf(file: string): string[] {
  return allImportsOf(file).filter((s) => !s.startsWith('.'));
}

/** The source files a file imports by relative path (`./x.js` → `./x.ts`), resolved. */
function localImportsOf(file: string): string[] {
  return allImportsOf(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s))
    .flatMap((path) =>
      [path, path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), `${path}.ts`]
        .filter((candidate) => existsSync(candidate) && statSync(candidate).isFile())
        .slice(0, 1),
    );
}

/** `file` and every source file it reaches through relative imports. */
function reachableFrom(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of localImportsOf(file)) reachableFrom(next, seen);
  return seen;
}

/**
 * The import circles among `files` (relative imports, `import type` included), each once, as the
 * path from its first file back to it. A depth-first walk: a file met again while still on the
 * walk's stack closes a circle.
 */
function circlesAmong(files: string[]): string[][] {
  const circles = new Map<string, string[]>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    if (done.has(file)) return;
    const at = stack.indexOf(file);
    if (at >= 0) {
      const circle = [...stack.slice(at), file];
      const key = [...circle.slice(0, -1)].sort().join('|');
      if (!circles.has(key)) circles.set(key, circle);
      return;
    }
    stack.push(file);
    for (const next of localImportsOf(file)) visit(next);
    stack.pop();
    done.add(file);
  };
  for (const file of files) visit(file);
  return [...circles.values()];
}

describe('architecture', () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    const files = sourceFiles(join(root, 'packages', pkg, 'src'));

    it(`${pkg} imports only ${allowed.length ? allowed.join(', ') : 'no other workspace package'}`, () => {
      const offending = files.flatMap((file) =>
        importsOf(file)
          .filter((s) => s.startsWith('@vod-uploader/'))
          .filter((s) => !allowed.includes(s.split('/')[1] ?? ''))
          .map((s) => `${relative(root, file)} imports ${s}`),
      );
      expect(offending).toEqual([]);
    });

    it(`${pkg} never deep-imports another package's internals`, () => {
      const deep = files.flatMap((file) =>
        importsOf(file)
          .filter(isDeepImport)
          .map((s) => `${relative(root, file)} imports ${s}`),
      );
      expect(deep).toEqual([]);
    });

    if (BROWSER_PACKAGES.includes(pkg)) {
      it(`${pkg} (browser code) imports no Node built-in`, () => {
        const node = files.flatMap((file) =>
          importsOf(file)
            .filter((s) => s.startsWith('node:'))
            .map((s) => `${relative(root, file)} imports ${s}`),
        );
        expect(node).toEqual([]);
      });
    }

    it(`${pkg} has a publishable package.json (ESM, side-effect free, export map with types)`, () => {
      const manifest = manifestOf(pkg);
      expect(manifest.name).toBe(`@vod-uploader/${pkg}`);
      expect(manifest.type).toBe('module');
      // Only stylesheets may have side effects (so bundlers keep `import '…/styles.css'`).
      const sideEffects = manifest.sideEffects === false ? [] : manifest.sideEffects;
      expect(Array.isArray(sideEffects) && sideEffects.every((glob: string) => glob.endsWith('.css'))).toBe(
        true,
      );
      expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js' });
      expect(manifest.exports['./package.json']).toBe('./package.json');
    });
  }

  it('shared engine code (uppy/src/shared) reaches no provider folder, not even through another file', () => {
    const src = join(root, 'packages/uppy/src');
    const providers = ['tencent', 'aliyun', 's3'].map((folder) => join(src, folder));
    const offending = sourceFiles(join(src, 'shared')).flatMap((file) =>
      [...reachableFrom(file)]
        .filter((reached) => providers.some((folder) => reached.startsWith(`${folder}/`)))
        .map((reached) => `${relative(root, file)} reaches ${relative(root, reached)}`),
    );
    expect(offending).toEqual([]);
  });

  it('every module in packages/react uses React (imports react or holds JSX)', () => {
    const src = join(root, 'packages/react/src');
    const usesReact = (file: string) =>
      importsOf(file).some((s) => s === 'react' || s.startsWith('react/') || s.startsWith('react-dom')) ||
      (file.endsWith('.tsx') && /<[A-Za-z>]/.test(codeOf(file)));
    const frameworkFree = sourceFiles(src)
      .filter((file) => relative(src, file) !== 'index.ts')
      .filter((file) => !usesReact(file))
      .map((file) => relative(src, file));
    expect(frameworkFree).toEqual([]);
  });

  it('each cloud error code is classified in one file: no other library source names one', () => {
    // The one table (core/src/cloud-error.ts) and its user-facing messages (cloud-messages.ts) name
    // the clouds' codes; a protocol or route that compared a code itself would classify it twice.
    const homes = ['packages/core/src/cloud-error.ts', 'packages/core/src/cloud-messages.ts'];
    const codes = new Set(
      Object.values(DOCUMENTED)
        .flat()
        .map(([code]) => code)
        .filter((code) => !/^\d+$/.test(code)),
    );
    const named = ['core', 'uppy', 'react', 'server'].flatMap((pkg) =>
      sourceFiles(join(root, 'packages', pkg, 'src'))
        .filter((file) => !homes.includes(relative(root, file)))
        .flatMap((file) =>
          [...codeOf(file).matchAll(/['"`]([A-Za-z][\w.]*)['"`]/g)]
            .map((m) => m[1] as string)
            .filter((literal) => codes.has(literal))
            .map((literal) => `${relative(root, file)}: '${literal}'`),
        ),
    );
    expect(named).toEqual([]);
  });

  it('no import circle in any package', () => {
    // Type-only imports count too: a circle of types still ties the files into one unit.
    const circles = Object.keys(ALLOWED).flatMap((pkg) => {
      const files = sourceFiles(join(root, 'packages', pkg, 'src'));
      return circlesAmong(files).map((circle) => circle.map((file) => relative(root, file)).join(' → '));
    });
    expect(circles).toEqual([]);
  });

  it('core has no runtime dependency', () => {
    expect(Object.keys(manifestOf('core').dependencies ?? {})).toEqual([]);
  });

  it('the demo imports workspace packages by their public entries only', () => {
    const deep = sourceFiles(join(root, 'apps/demo')).flatMap((file) =>
      importsOf(file)
        .filter(isDeepImport)
        .map((s) => `${relative(root, file)} imports ${s}`),
    );
    expect(deep).toEqual([]);
  });
});
