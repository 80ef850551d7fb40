import { vodError } from '@vod-uploader/core';
import ipaddr from 'ipaddr.js';

/**
 * Resolves a host name to every address it has (IPv4 and IPv6), as the fetcher would. Injectable so
 * tests need no network; the default is `node:dns` `lookup(host, { all: true })`.
 */
export type ResolveHostFn = (hostname: string) => Promise<readonly string[]>;

/** Where URL imports may point (`policy.urlImport`). */
export interface UrlImportPolicy {
  /**
   * Hosts imported from even though the guard would refuse them: `host` (any port) or `host:port`,
   * e.g. `127.0.0.1:5173` for a development media origin. Matched exactly, after the URL parser's
   * normalisation (`http://2130706433/` is `127.0.0.1`). Default none; never list a name you do not
   * control, its DNS could point anywhere.
   */
  allowHosts?: string[];
  /** How host names are resolved. Default `node:dns` `lookup` with `all: true`. */
  resolveHost?: ResolveHostFn;
}

/**
 * Refuses a URL the cloud must not be told to fetch: an IP literal in any notation (the parser has
 * already turned decimal, octal, hex and short IPv4 forms into dotted quads), `localhost` and
 * `*.localhost`, and a name that resolves to anything but public unicast addresses (loopback,
 * private, link-local, unique-local, CGNAT, multicast, unspecified, reserved…; IPv4-mapped IPv6
 * addresses are judged as the IPv4 they carry). Hosts in `allowHosts` skip these checks.
 *
 * The cloud resolves the name again when it fetches, so a name that changes its answer in between
 * (DNS rebinding) can still reach the cloud's own network: this guard keeps the endpoint from being
 * an obvious relay, the cloud's fetcher must still refuse its internal ranges.
 */
export class UrlImportGuard {
  private readonly allowed: ReadonlySet<string>;
  private readonly resolveHost: ResolveHostFn;

  constructor(policy: UrlImportPolicy = {}) {
    this.allowed = new Set((policy.allowHosts ?? []).map((host) => host.toLowerCase()));
    this.resolveHost = policy.resolveHost ?? lookupAll;
  }

  /** Throws `policy_refused` naming `field` when `url` must not be imported. */
  async check(url: URL, field: string): Promise<void> {
    // `url.host` omits a default port, so `host:443` in the list matches only an explicit `:443`.
    if (this.allowed.has(url.host) || this.allowed.has(url.hostname)) return;
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(hostname)) {
      throw refused(field, 'links to an IP address cannot be imported; use a host name');
    }
    const name = hostname.replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) {
      throw refused(field, 'links to this computer (localhost) cannot be imported');
    }
    let addresses: readonly string[];
    try {
      addresses = await this.resolveHost(name);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw refused(field, `the host "${printable(name)}" could not be found`);
    }
    if (!addresses.every(isPublicAddress)) {
      throw refused(field, 'links to a local or private network cannot be imported');
    }
  }
}

/** True only for a public unicast address; anything unparsable is not public. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    // IPv4-compatible (`::a.b.c.d`, deprecated): ipaddr.js calls `::/96` unicast, but a stack that
    // still routes it reaches the embedded IPv4 address, so that address decides.
    else if (v6.parts.slice(0, 6).every((part) => part === 0) && v6.range() === 'unicast') {
      const [high = 0, low = 0] = v6.parts.slice(6);
      parsed = ipaddr.fromByteArray([high >> 8, high & 255, low >> 8, low & 255]);
    }
  }
  return parsed.range() === 'unicast';
}

async function lookupAll(hostname: string): Promise<readonly string[]> {
  const { lookup } = await import('node:dns/promises');
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}

function refused(field: string, why: string) {
  return vodError('policy_refused', `${field}: ${why}`, { field });
}

// The host comes from the request; keep what is echoed short and plain.
function printable(value: string): string {
  return value.replace(/[^\w.-]/g, '?').slice(0, 64);
}
