import { describe, expect, it } from 'vitest';
import { isPublicAddress, UrlImportGuard } from './url-import-guard.js';

// Pure strings: nothing here opens a connection or asks a DNS server.
const NOT_PUBLIC = [
  '127.0.0.1',
  '127.255.0.9',
  '10.0.0.1',
  '172.16.5.4',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '224.0.0.251',
  '255.255.255.255',
  '::1',
  '::',
  'fe80::1',
  'fc00::1',
  'fd12:3456::1',
  'ff02::1',
  '::ffff:127.0.0.1',
  '::ffff:10.1.2.3',
  '::7f00:1',
  '::127.0.0.1',
  '::a9fe:a9fe',
  '2001:db8::1',
  'not-an-address',
];

describe('isPublicAddress', () => {
  it.each(NOT_PUBLIC)('ownership: url import refuses the address %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('accepts public unicast IPv4, IPv6 and IPv4-mapped public addresses', () => {
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('2606:4700:4700::1111')).toBe(true);
    expect(isPublicAddress('::ffff:93.184.215.14')).toBe(true);
  });
});

describe('UrlImportGuard', () => {
  const answers = new Map<string, string[]>([
    ['public.test', ['93.184.215.14']],
    ['rebind.test', ['127.0.0.1']],
    ['metadata.test', ['169.254.169.254']],
    ['mixed.test', ['93.184.215.14', '10.0.0.7']],
    ['v6.test', ['2606:4700:4700::1111', 'fd00::5']],
  ]);
  const asked: string[] = [];
  const guard = new UrlImportGuard({
    allowHosts: ['127.0.0.1:5173', 'dev.localhost'],
    resolveHost: async (host) => {
      asked.push(host);
      return answers.get(host) ?? [];
    },
  });
  const refusal = (url: string) =>
    guard.check(new URL(url), 'mediaUrl').then(
      () => undefined,
      (error: { code: string; field: string; message: string }) => error,
    );

  it.each([
    'http://127.0.0.1/a.mp4',
    'http://2130706433/a.mp4',
    'http://0177.0.0.1/a.mp4',
    'http://0x7f.1/a.mp4',
    'http://127.1/a.mp4',
    'http://[::1]/a.mp4',
    'http://[::ffff:127.0.0.1]/a.mp4',
    'http://[0:0:0:0:0:ffff:7f00:1]/a.mp4',
    'http://10.0.0.1/a.mp4',
    'http://169.254.169.254/latest/meta-data.mp4',
    'http://93.184.215.14/a.mp4',
    'http://localhost/a.mp4',
    'http://LOCALHOST./a.mp4',
    'http://media.localhost/a.mp4',
    'http://127.0.0.1:5174/a.mp4',
  ])('ownership: url import refuses the IP literal or local name in %s, without a DNS query', async (url) => {
    asked.length = 0;
    const error = await refusal(url);
    expect(error).toMatchObject({ code: 'policy_refused', field: 'mediaUrl' });
    expect(asked).toEqual([]);
  });

  it.each([
    ['http://rebind.test/a.mp4', /local or private network/],
    ['http://metadata.test/a.mp4', /local or private network/],
    ['http://mixed.test/a.mp4', /local or private network/],
    ['http://v6.test/a.mp4', /local or private network/],
    ['http://nowhere.test/a.mp4', /could not be found/],
  ])('ownership: url import refuses %s by what the name resolves to', async (url, message) => {
    const error = await refusal(url);
    expect(error).toMatchObject({ code: 'policy_refused', field: 'mediaUrl' });
    expect(error?.message).toMatch(message);
  });

  it('lets through public names and the allow-listed hosts (host:port exactly, or a host on any port)', async () => {
    expect(await refusal('https://public.test/a.mp4')).toBeUndefined();
    expect(await refusal('http://127.0.0.1:5173/a.mp4')).toBeUndefined();
    expect(await refusal('http://dev.localhost:9999/a.mp4')).toBeUndefined();
  });
});
