import { describe, expect, it } from 'vitest';
import { formatBytes, formatTimeLeft } from './format-progress.js';
import { messagesOf } from './vod-messages.js';

describe('formatBytes', () => {
  it('rounds down, one decimal under 10 units, none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(348_000)).toBe('339 KB');
    expect(formatBytes(5.99 * 1024 * 1024)).toBe('5.9 MB');
    expect(formatBytes(40 * 1024 * 1024 - 1)).toBe('39 MB');
    expect(formatBytes(40 * 1024 * 1024)).toBe('40 MB');
  });
});

describe('formatTimeLeft', () => {
  it('never says 0 s: under 5 s there is no number to show', () => {
    expect(formatTimeLeft(0)).toBeUndefined();
    expect(formatTimeLeft(4.9)).toBeUndefined();
    expect(formatTimeLeft(Number.NaN)).toBeUndefined();
    expect(formatTimeLeft(8.4)).toBe('8 s');
    expect(formatTimeLeft(65)).toBe('1 min 5 s');
    expect(formatTimeLeft(120.2)).toBe('2 min');
    expect(formatTimeLeft(3725)).toBe('1 h 2 min');
  });

  it('writes the locale’s units: zh-CN reads 秒 / 分钟 / 小时, never English ones', () => {
    const zh = messagesOf('zh-CN').status;
    expect(formatTimeLeft(8.4, zh.timeUnits)).toBe('8 秒');
    expect(formatTimeLeft(78, zh.timeUnits)).toBe('1 分钟 18 秒');
    expect(formatTimeLeft(120.2, zh.timeUnits)).toBe('2 分钟');
    expect(formatTimeLeft(3725, zh.timeUnits)).toBe('1 小时 2 分钟');
    expect(formatTimeLeft(4, zh.timeUnits)).toBeUndefined();
    // The status bar's sentence, as UploadStatusBar puts it together.
    expect(zh.timeLeft(formatTimeLeft(78, zh.timeUnits)!)).toBe('剩余 1 分钟 18 秒');
    expect(formatTimeLeft(78, messagesOf('en').status.timeUnits)).toBe(formatTimeLeft(78));
  });
});
