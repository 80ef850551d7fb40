import { lookup } from 'node:dns/promises';
import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import ipaddr from 'ipaddr.js';
import type { SandboxContext } from './http/api-module.js';
import { MediaImportError } from './media-import-error.js';

/** Redirects followed per download, each one checked like the first URL. */
const MAX_REDIRECTS = 5;
/** Until the origin's response headers arrive. */
const CONNECT_TIMEOUT_MS = 15_000;
/** Longest silence while the body streams. */
const IDLE_TIMEOUT_MS = 30_000;

/** An origin's answer the importer accepted, with its body bounded by `importMaxBytes`. */
export interface ImportSource {
  response: Response;
  /** The body; fails with `MediaImportError('too_large')` past the cap, or `'unreachable'` when idle. */
  body: Readable;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
}

/**
 * Fetches a URL for an import task as the clouds' fetchers do, not as a browser: only http(s), never
 * a loopback/private/link-local/… address (as a literal or behind a name) unless the host is in
 * `importAllowHosts`, redirects followed by hand (at most 5, each hop checked), a connect and an idle
 * timeout, and a byte cap. Non-2xx answers are `MediaImportError('http_status')`.
 */
export async function fetchImportSource(
  ctx: SandboxContext,
  url: string,
  what: string,
): Promise<ImportSource> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    await assertMayFetch(ctx, current, what);
    const connect = new AbortController();
    const timer = setTimeout(() => connect.abort(), CONNECT_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(current, { redirect: 'manual', signal: connect.signal });
    } catch (error) {
      throw new MediaImportError(
        'unreachable',
        `Could not download ${what} ${url}: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new MediaImportError(
          'unreachable',
          `Downloading ${what} ${url}: more than ${MAX_REDIRECTS} redirects`,
        );
      }
      current = new URL(location, current).href;
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new MediaImportError(
        'http_status',
        `Downloading ${what} ${url} answered HTTP ${response.status}`,
      );
    }
    const body = bounded(ctx.options.importMaxBytes, `${what} ${url}`);
    // pipeline() destroys both sides when one fails: past the cap, the download is cancelled too.
    pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), body, () => {});
    return { response, body, finalUrl: current };
  }
}

/** Refuses a URL the importer must not fetch (`MediaImportError('refused')`). */
async function assertMayFetch(ctx: SandboxContext, url: string, what: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MediaImportError('refused', `${what} ${url}: only http and https can be downloaded`);
  }
  const allowed = ctx.options.importAllowHosts;
  if (allowed.includes(parsed.host) || allowed.includes(parsed.hostname)) return;
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(hostname)) addresses = [hostname];
  else {
    try {
      addresses = (await lookup(hostname, { all: true })).map((entry) => entry.address);
    } catch (error) {
      throw new MediaImportError(
        'unreachable',
        `Could not download ${what} ${url}: ${(error as Error).message}`,
      );
    }
  }
  if (!addresses.every(isPublic)) {
    throw new MediaImportError(
      'refused',
      `${what} ${url}: the host is a loopback or private address, which the cloud cannot reach`,
    );
  }
}

function isPublic(address: string): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Passes at most `max` bytes and fails after `IDLE_TIMEOUT_MS` without any. */
function bounded(max: number, label: string): Transform {
  let size = 0;
  let idle: NodeJS.Timeout | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      arm();
      if (size > max) {
        done(new MediaImportError('too_large', `${label} is larger than ${max} bytes`));
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      clearTimeout(idle);
      done();
    },
    destroy(error, done) {
      clearTimeout(idle);
      done(error);
    },
  });
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () =>
        stream.destroy(new MediaImportError('unreachable', `${label}: no data for ${IDLE_TIMEOUT_MS} ms`)),
      IDLE_TIMEOUT_MS,
    );
  };
  arm();
  return stream;
}
