import { describe, expect, it } from 'vitest';
import { S3ObjectKeys, safeFileName } from './s3-object-keys.js';

describe('S3ObjectKeys', () => {
  const keys = new S3ObjectKeys('secret-one', 'tenant/');

  it('generates dated, unguessable keys that only their caller owns', () => {
    const key = keys.generate('alice', 'My Video.MP4', Date.UTC(2026, 10, 22));
    expect(key).toMatch(/^tenant\/uploads\/2026-11-22\/[0-9a-f]{16}-[0-9a-f]{32}\/My_Video\.MP4$/);
    expect(keys.owns('alice', key)).toBe(true);
    expect(keys.owns('bob', key)).toBe(false);
    expect(new S3ObjectKeys('secret-two', 'tenant/').owns('alice', key)).toBe(false);
    expect(new S3ObjectKeys('secret-one', 'other/').owns('alice', key.replace('tenant/', 'other/'))).toBe(
      false,
    );
    expect(keys.generate('alice', 'a.mp4')).not.toBe(keys.generate('alice', 'a.mp4'));
  });

  it('refuses any tampering with a generated key', () => {
    const key = keys.generate('alice', 'a.mp4');
    const tampered = [
      key.replace('a.mp4', 'b.mp4'),
      key.replace(/\d{4}-\d{2}-\d{2}/, '2000-01-01'),
      key.replace(/\/([0-9a-f])/, (_m, c: string) => `/${c === '0' ? '1' : '0'}`),
      `${key}/x`,
      key.slice(1),
      key.toUpperCase(),
    ];
    for (const candidate of tampered) expect(keys.owns('alice', candidate), candidate).toBe(false);
  });
});

describe('safeFileName', () => {
  it('keeps names safe in keys and URLs', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\clip (1).mov')).toBe('clip_1_.mov');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.hidden.mp4')).toBe('hidden.mp4');
    expect(safeFileName('vidéo 東京.mp4')).toBe('vide_o_.mp4');
    const long = safeFileName(`${'a'.repeat(300)}.webm`);
    expect(long).toHaveLength(100);
    expect(long.endsWith('.webm')).toBe(true);
  });
});
