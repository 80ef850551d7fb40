import { describe, expect, it } from 'vitest';
import { fileFingerprint } from './index.js';

describe('fileFingerprint', () => {
  const file = { name: 'clip 一.mp4', size: 1_048_576, lastModified: 1_700_000_000_000 };

  it('is stable for the same name, size and time', () => {
    expect(fileFingerprint(file)).toBe('vod1:1048576:1700000000000:clip%20%E4%B8%80.mp4');
    expect(fileFingerprint({ ...file })).toBe(fileFingerprint(file));
  });

  it('changes with size, modification time or name', () => {
    const base = fileFingerprint(file);
    expect(fileFingerprint({ ...file, size: file.size + 1 })).not.toBe(base);
    expect(fileFingerprint({ ...file, lastModified: file.lastModified + 1 })).not.toBe(base);
    expect(fileFingerprint({ ...file, name: 'clip 二.mp4' })).not.toBe(base);
  });

  it('does not let a colon in the name collide with the other fields', () => {
    const a = fileFingerprint({ name: '1:a', size: 2, lastModified: 3 });
    const b = fileFingerprint({ name: 'a', size: 2, lastModified: 31 });
    expect(a).not.toBe(b);
  });

  it('treats NFC and NFD spellings of a name as the same file (macOS gives NFD)', () => {
    const nfc = 'é.mp4'.normalize('NFC');
    const nfd = 'é.mp4'.normalize('NFD');
    expect(fileFingerprint({ ...file, name: nfd })).toBe(fileFingerprint({ ...file, name: nfc }));
  });

  it('accepts a file without lastModified', () => {
    expect(fileFingerprint({ name: 'a.mp4', size: 1 })).toBe('vod1:1:0:a.mp4');
  });
});
