import { describe, expect, it } from 'vitest';
import {
  normalizeMediaExtension,
  SUPPORTED_IMAGE_EXTENSIONS,
  SUPPORTED_VIDEO_EXTENSIONS,
  supportedVideoExtensions,
} from './index.js';

describe('normalizeMediaExtension', () => {
  it.each([
    ['Clip.MP4', 'mp4'],
    ['my.holiday.video.mov', 'mov'],
    ['视频 一.webm', 'webm'],
    ['C:\\Users\\me\\film.MKV', 'mkv'],
    ['photo.JPEG', 'jpeg'],
    ['photo.jpe', 'jpg'],
    [' trailer.m3u8 ', 'm3u8'],
    ['https://cdn.example.com/a/b.m3u8?sign=x.mp4#t=1', 'm3u8'],
    ['https://cdn.example.com/%E8%A7%86%E9%A2%91.flv', 'flv'],
    ['video/mp4', 'mp4'],
    ['video/quicktime', 'mov'],
    ['VIDEO/WEBM; codecs="vp9"', 'webm'],
    ['application/vnd.apple.mpegurl', 'm3u8'],
    ['audio/mpeg', 'mp3'],
    ['image/jpeg', 'jpg'],
  ])('%j → %s', (input, extension) => {
    expect(normalizeMediaExtension(input)).toBe(extension);
  });

  it.each(['README', '.mp4', 'archive.', 'video/x-unknown', 'https://example.com/watch', 'weird.mp4!'])(
    '%j has no extension',
    (input) => {
      expect(normalizeMediaExtension(input)).toBeUndefined();
    },
  );
});

describe('supported extensions', () => {
  it('lists the clouds’ common media types once, in lower case', () => {
    for (const list of [SUPPORTED_VIDEO_EXTENSIONS, SUPPORTED_IMAGE_EXTENSIONS]) {
      expect(new Set(list).size).toBe(list.length);
      for (const extension of list) expect(extension).toMatch(/^[a-z0-9]+$/);
    }
    expect(SUPPORTED_VIDEO_EXTENSIONS).toEqual(
      expect.arrayContaining(['mp4', 'mov', 'webm', 'm3u8', 'mp3', 'flac']),
    );
    expect(SUPPORTED_IMAGE_EXTENSIONS).toEqual(['jpg', 'jpeg', 'png', 'gif', 'webp']);
  });

  it('offers each provider only the extensions its cloud accepts', () => {
    for (const refused of ['m2ts', 'ogv', 'opus', 'm3u8']) {
      expect(supportedVideoExtensions('aliyun')).not.toContain(refused);
    }
    for (const refused of ['mts', 'm2ts', 'ogv', 'ac3']) {
      expect(supportedVideoExtensions('tencent')).not.toContain(refused);
    }
    expect(supportedVideoExtensions('aliyun')).toEqual(expect.arrayContaining(['mp4', 'mts', 'ac3']));
    expect(supportedVideoExtensions('tencent')).toEqual(expect.arrayContaining(['mp4', 'm3u8', 'opus']));
    expect(supportedVideoExtensions('s3')).toEqual(SUPPORTED_VIDEO_EXTENSIONS);
  });
});
