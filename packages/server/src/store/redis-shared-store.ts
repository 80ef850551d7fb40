import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { vodError } from '@vod-uploader/core';
import type { SharedStore } from './shared-store.js';
import { storeUnavailable } from './store-unavailable.js';

/**
 * The part of a node-redis client (`createClient()` of `redis` or `@redis/client`, v5 or later) the
 * store uses: raw commands, each with a timeout. Structural, so the published types need no Redis
 * package installed.
 */
export interface RedisCommander {
  sendCommand<T = unknown>(args: ReadonlyArray<string>, options?: { timeout?: number }): Promise<T>;
}

/** Options of `createRedisSharedStore`: a URL (the store makes and owns the client) or your client. */
export type RedisSharedStoreOptions = (
  | {
      /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS), e.g. `REDIS_URL`. */
      url: string;
      client?: undefined;
    }
  | {
      /** A node-redis client the app made, connects and closes; each command still times out. */
      client: RedisCommander;
      url?: undefined;
    }
) & {
  /**
   * Longest wait for one command, ms. Default 500: a healthy Redis answers in well under a
   * millisecond, and a request must not hang on a sick one (it gets `store_unavailable`).
   */
  commandTimeoutMs?: number;
  /**
   * Put in front of every key, e.g. `'shop-a:'`: two apps (or two cloud accounts) on one Redis must
   * not share rate-limit windows, event-poller leases or URL-import answers. Default none: one app
   * per Redis (or per database, `redis://host/2`).
   */
  keyPrefix?: string;
  /** Longest wait for the first connection (and each reconnection attempt), ms. Default 1,000. */
  connectTimeoutMs?: number;
  /**
   * Told when the store becomes unreachable (once per outage, not per command: the first failure
   * after a success). Default: one line on `console.error`.
   */
  onError?: (error: unknown) => void;
};

type RedisModule = {
  createClient(options: Record<string, unknown>): RedisCommander & {
    on(event: 'error', listener: (error: unknown) => void): unknown;
    connect(): Promise<unknown>;
    close(): Promise<void>;
    destroy(): void;
  };
};

// Compare-and-set steps as Lua: Redis runs a script atomically, so no other client interleaves.
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;
const EXTEND_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * A `SharedStore` on Redis, for several instances of the endpoint: `SET NX PX`, `GET`, `SET PX`,
 * `DEL`, and Lua scripts (`EVALSHA`, falling back to `EVAL` when Redis does not hold them yet) for increment-with-window and the
 * compare-and-extend / compare-and-delete of claims and leases. Every failure (unreachable,
 * offline, slow past `commandTimeoutMs`, an error reply) rejects with `store_unavailable`
 * (retryable) at once: the client made from a URL does not queue commands while it reconnects.
 */
export class RedisSharedStore implements SharedStore {
  private readonly commandTimeoutMs: number;
  private readonly keyPrefix: string;
  private readonly report: (error: unknown) => void;
  private reachable = true;
  private readonly connectTimeoutMs: number;
  private owned: ReturnType<RedisModule['createClient']> | undefined;
  private connecting: Promise<void> | undefined;
  private readonly client: Promise<RedisCommander>;

  constructor(options: RedisSharedStoreOptions) {
    const { url, client } = options as { url?: unknown; client?: unknown };
    if ((url === undefined) === (client === undefined)) {
      throw vodError('config_invalid', 'store: give a Redis url or a client, one of them', {
        field: 'store',
      });
    }
    if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\/./.test(url))) {
      throw vodError('config_invalid', 'store.url: must be a redis:// or rediss:// URL', {
        field: 'store.url',
      });
    }
    if (url !== undefined && !redisClientInstalled()) {
      // A setup mistake, said at start-up: later it would read as an outage (503 on every upload).
      throw vodError(
        'config_invalid',
        'store.url: a Redis URL needs the @redis/client package: npm install @redis/client',
        {
          field: 'store.url',
        },
      );
    }
    if (options.keyPrefix !== undefined && typeof options.keyPrefix !== 'string') {
      throw vodError('config_invalid', 'store.keyPrefix: must be a string', { field: 'store.keyPrefix' });
    }
    this.keyPrefix = options.keyPrefix ?? '';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 500;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
    this.report =
      options.onError ??
      ((error) => console.error('[vod-uploader] shared store (Redis):', (error as Error)?.message ?? error));
    this.client = options.client ? Promise.resolve(options.client) : this.open(options.url);
    // A rejected connect is reported per command, not as an unhandled rejection.
    this.client.catch(() => {});
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.command(['SET', this.keyOf(key), value, 'PX', ms(ttlMs), 'NX'])) === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.command(['GET', this.keyOf(key)]);
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.command(['SET', this.keyOf(key), value, 'PX', ms(ttlMs)]);
  }

  async delete(key: string): Promise<void> {
    await this.command(['DEL', this.keyOf(key)]);
  }

  async increment(key: string, windowMs: number): Promise<number> {
    return Number(await this.script(INCREMENT, key, [ms(windowMs)]));
  }

  async extendIfEqual(key: string, value: string, ttlMs: number): Promise<boolean> {
    return Number(await this.script(EXTEND_IF_EQUAL, key, [value, ms(ttlMs)])) === 1;
  }

  async deleteIfEqual(key: string, value: string): Promise<boolean> {
    return Number(await this.script(DELETE_IF_EQUAL, key, [value])) === 1;
  }

  /** Closes the client the store made from `url` (an app's own `client` is the app's to close). */
  async close(): Promise<void> {
    if (!this.owned) return;
    const owned = this.owned;
    this.owned = undefined;
    this.connecting = undefined;
    await within(owned.close(), 1_000).catch(() => owned.destroy());
  }

  private command(args: string[]): Promise<unknown> {
    return this.guarded(() => this.send(args));
  }

  private keyOf(key: string): string {
    return this.keyPrefix + key;
  }

  private script(source: string, unprefixed: string, args: string[]): Promise<unknown> {
    const key = this.keyOf(unprefixed);
    return this.guarded(async () => {
      try {
        return await this.send(['EVALSHA', sha1(source), '1', key, ...args]);
      } catch (error) {
        // A restarted Redis forgets loaded scripts: send the source once, and it caches it again.
        if (!/NOSCRIPT/.test(String(error))) throw error;
        return this.send(['EVAL', source, '1', key, ...args]);
      }
    });
  }

  private async send(args: string[]): Promise<unknown> {
    const client = await this.client;
    // Until the first connection, wait for it (bounded), so the first request after start-up does
    // not fail only because the socket was still opening; later outages fail fast.
    if (this.connecting) await within(this.connecting, this.connectTimeoutMs, 'no connection');
    // node-redis's own timeout ends when the command is written: a Redis that stops answering on
    // an open connection (stalled, paused, a dead peer behind a NAT) would hold the request
    // forever. Its late reply is still read, in order, and dropped.
    return within(
      client.sendCommand(args, { timeout: this.commandTimeoutMs }),
      this.commandTimeoutMs,
      'no answer',
    );
  }

  /** Runs one store step; any failure becomes `store_unavailable`, reported once per outage. */
  private async guarded(step: () => Promise<unknown>): Promise<unknown> {
    try {
      const reply = await step();
      this.reachable = true;
      return reply;
    } catch (error) {
      if (this.reachable) {
        this.reachable = false;
        this.report(error);
      }
      throw storeUnavailable(error);
    }
  }

  private async open(url: string): Promise<RedisCommander> {
    // Loaded only here, so an app without Redis never loads (or installs) the client.
    // Left to Node at run time: bundlers (webpack, Turbopack, Vite) must not try to resolve it.
    const { createClient } = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ '@redis/client'
    )) as unknown as RedisModule;
    const client = createClient({
      url,
      // Refuse commands while reconnecting instead of queueing them: a request fails fast.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: this.connectTimeoutMs,
        // Back off to at most 2 s between attempts, and never give up.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000),
      },
    });
    client.on('error', (error) => {
      if (this.reachable) {
        this.reachable = false;
        this.report(error);
      }
    });
    this.owned = client;
    // Retries on its own (reconnectStrategy) until the first connection, however long Redis is down.
    this.connecting = client.connect().then(
      () => {
        this.connecting = undefined;
      },
      () => {},
    );
    return client;
  }
}

/**
 * A `SharedStore` on Redis from a URL (`REDIS_URL`) or a node-redis client, for running several
 * instances of the endpoint. Synchronous: the client (`@redis/client`, an optional peer
 * dependency) is imported and connected on first use.
 * @example
 * createVodHandler({ ...config, store: createRedisSharedStore({ url: process.env.REDIS_URL! }) });
 */
export function createRedisSharedStore(options: RedisSharedStoreOptions): RedisSharedStore {
  return new RedisSharedStore(options);
}

/** Whether `open` will find the client: resolved from here, as its `import()` resolves it. */
function redisClientInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@redis/client');
    return true;
  } catch {
    return false;
  }
}

function within(promise: Promise<unknown>, timeoutMs: number, what = 'no answer'): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The loser of the race may still reject later: that is not an unhandled rejection.
  promise.catch(() => {});
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function ms(value: number): string {
  return String(Math.max(1, Math.ceil(value)));
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
