import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Rows of one matrix, kept in a file rather than in memory: Playwright starts a new worker after a
 * failed test, and the table printed at the end must still count every test of the run. Workers of
 * one run share their parent (the runner), so its pid names the run.
 */
function rowsFile(matrix: string): string {
  return join(tmpdir(), `vod-reliability-${matrix}-${process.ppid}.jsonl`);
}

/** Appends one row (a test's outcome) to `matrix`'s table. */
export function recordRow(matrix: string, row: Record<string, string | number | boolean>): void {
  appendFileSync(rowsFile(matrix), `${JSON.stringify(row)}\n`);
}

/** Every row recorded so far in this run. */
export function readRows(matrix: string): Record<string, string | number | boolean>[] {
  const file = rowsFile(matrix);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** A Markdown table of `rows` with the given columns. */
export function formatTable(columns: string[], rows: Record<string, unknown>[]): string {
  const line = (cells: unknown[]) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`;
  return [
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join('\n');
}
