import ipaddr from 'ipaddr.js';

/**
 * Checks that a callback target is on this machine: an http(s) URL whose host is a loopback
 * address (127.0.0.0/8 in any notation, `[::1]`, an IPv4-mapped loopback) or `localhost`. The
 * sandbox plays clouds that would call the internet; it must never send anything off the machine.
 * Throws a `TypeError` naming `option` for anything else; returns `value` unchanged.
 */
export function checkLoopbackUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${option}: not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${option}: must be an http(s) URL`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new TypeError(`${option}: only loopback hosts may receive the sandbox's callbacks (${url.host})`);
  }
  // As given: Alibaba signs the URL text it was configured with.
  return value;
}

/** Whether a URL's `hostname` (as `URL` normalises it: IPv4 dotted, IPv6 in brackets) is loopback. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return false;
  let address = ipaddr.parse(bare);
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) address = address.toIPv4Address();
  return address.range() === 'loopback';
}
