import { describe, expect, it } from 'vitest';
import { formatDuration, messagesOf } from './vod-messages.js';

describe('messages', () => {
  it('formats durations as people read them', () => {
    expect(formatDuration(6.02)).toBe('0:06');
    expect(formatDuration(83.4)).toBe('1:23');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('has every English string in Chinese too', () => {
    const en = messagesOf('en');
    const zh = messagesOf('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zh.warnings).sort()).toEqual(Object.keys(en.warnings).sort());
    expect(zh.tooLong('a.mp4', '0:06', '0:05')).toBe(
      'a.mp4 时长 0:06，视频最长 0:05。请剪短或选择较短的视频。',
    );
  });
});
