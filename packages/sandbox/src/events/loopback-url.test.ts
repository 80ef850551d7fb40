import { describe, expect, it } from 'vitest';
import { checkLoopbackUrl, isLoopbackHost } from './loopback-url.js';

describe('checkLoopbackUrl (callback targets stay on this machine)', () => {
  it.each([
    'http://127.0.0.1:3000/cb',
    'http://localhost:3000/cb',
    'http://[::1]:3000/cb',
    'http://2130706433:3000/cb',
    'http://0x7f.1:3000/cb',
    'http://[::ffff:127.0.0.1]/cb',
  ])('takes %s', (url) => {
    expect(checkLoopbackUrl(url, 'events.aliyunCallbackUrl')).toBe(url);
  });

  it.each(['http://example.com/cb', 'ftp://127.0.0.1/cb', 'not a url'])('refuses %s', (url) => {
    expect(() => checkLoopbackUrl(url, 'events.tencentPushUrl')).toThrow(/events.tencentPushUrl/);
  });

  it('classifies private and public addresses as not loopback (no I/O)', () => {
    for (const host of ['10.0.0.1', '192.168.1.1', '169.254.169.254', '8.8.8.8', '[fe80::1]']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});
