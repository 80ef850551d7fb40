/** The median of `values` (the mean of the middle two when even). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `median (min–max)` with `digits` decimals: the spread shows how noisy the machine was. */
export function spread(values: number[], digits = 2): string {
  if (values.length === 0) return 'n/a';
  const f = (n: number) => n.toFixed(digits);
  return values.length === 1
    ? f(values[0] as number)
    : `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

/** A Markdown table. */
export function table(columns: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Megabytes (10^6) per second of `bytes` in `ms`. */
export function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
