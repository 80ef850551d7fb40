import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './pack-workspace.js';

/**
 * The files a README's quick start spells out: every fenced block whose first line names a file
 * (`// server.mjs`, `<!-- index.html -->`) becomes that file, exactly as written, so a test that
 * runs them runs what a reader copies.
 */
export async function readmeFiles(readme: string): Promise<Map<string, string>> {
  const text = await readFile(join(repoRoot, readme), 'utf8');
  const files = new Map<string, string>();
  for (const [, body] of text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)) {
    const first = /^(?:\/\/|<!--)\s*([\w./-]+\.[a-z]+)\s*(?:-->)?\s*$/.exec(body?.split('\n')[0] ?? '');
    if (first?.[1]) files.set(first[1], body ?? '');
  }
  return files;
}
