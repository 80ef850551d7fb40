import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const benchDir = join(import.meta.dirname, '..');

/**
 * Writes one bench section into a results file (bench/RESULTS.md by default), replacing that section's
 * earlier block and leaving every other section as it was, so a section can be re-run on its own
 * (e.g. the shared-store or matrix bench) without re-running the hour-long rest.
 * A block is delimited by `<!-- bench:<name> -->` … `<!-- /bench:<name> -->`; a new one is appended.
 */
export function writeResultsSection(name: string, markdown: string, file = 'RESULTS.md'): string {
  const path = join(benchDir, file);
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
  return path;
}
