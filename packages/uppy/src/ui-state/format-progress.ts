import { messagesOf, type VodMessages } from './vod-messages.js';

/**
 * `23_068_672` → `22 MB` (binary units, as Uppy shows them), rounded down so the bytes never read
 * more than the percentage beside them: one decimal under 10, none above.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.floor(value) : Math.floor(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

/**
 * Seconds left as people read them: `8 s`, `1 min 5 s`, `1 h 2 min` (with zh-CN's units `1 分钟 5 秒`);
 * `undefined` under 5 s (say "a few seconds").
 * @param units The locale's, from `messagesOf(locale).status.timeUnits`; English when not given.
 */
export function formatTimeLeft(
  seconds: number,
  units: VodMessages['status']['timeUnits'] = messagesOf('en').status.timeUnits,
): string | undefined {
  if (!(seconds >= 5)) return undefined;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} ${units.hours} ${m} ${units.minutes}`;
  // "1 min", not "1 min 0 s": a "0 s" reads as done.
  if (m > 0) return s > 0 ? `${m} ${units.minutes} ${s} ${units.seconds}` : `${m} ${units.minutes}`;
  return `${s} ${units.seconds}`;
}
