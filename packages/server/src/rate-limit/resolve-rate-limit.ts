import { createHash } from 'node:crypto';
import { isVodUploadError } from '@vod-uploader/core';
import type { RateLimitFn, RateLimitOptions, VodHandlerConfig } from '../config/vod-handler-config.js';
import type { ServerRouteName } from '../http/server-routes.js';
import type { RateLimitStore } from './rate-limit-store.js';

/** Default requests per caller, per route, per minute: far above what one person's uploads need. */
export const DEFAULT_RATE_LIMIT = 120;

/**
 * Turns the `rateLimit` option into the check the handler runs: the built-in fixed-window limiter
 * by default or with options (counting in `rateLimit.store`, else in the handler's shared `store`),
 * the app's own function as given, nothing with `false`.
 */
export function resolveRateLimit(
  option: VodHandlerConfig['rateLimit'],
  shared: RateLimitStore,
): RateLimitFn | undefined {
  if (option === false) return undefined;
  if (typeof option === 'function') return option;
  return fixedWindowLimit(option ?? {}, shared);
}

/** How long a caller the built-in limiter refused waits at most (its window), s; undefined for an app's own function. */
export function rateLimitRetryAfterSeconds(option: VodHandlerConfig['rateLimit']): number | undefined {
  if (option === false || typeof option === 'function') return undefined;
  return Math.ceil((option?.windowMs ?? 60_000) / 1000);
}

function fixedWindowLimit(options: RateLimitOptions, shared: RateLimitStore): RateLimitFn {
  const limit = options.limit ?? DEFAULT_RATE_LIMIT;
  const windowMs = options.windowMs ?? 60_000;
  const store = options.store ?? shared;
  const routes: Partial<Record<ServerRouteName, number>> = {
    s3Sign: limit * 10,
    tencentV2SignCos: limit * 10,
    ...options.routes,
  };
  return async (caller, route) => {
    // Hashed so a long or odd caller id neither grows the store's keys nor breaks a shared store's syntax.
    const callerKey = createHash('sha256').update(caller.id).digest('base64url').slice(0, 22);
    let count: number;
    try {
      count = await store.increment(`vod-uploader:rate:${route}:${callerKey}`, windowMs);
    } catch (error) {
      // Fails open: an unreachable shared store must not stop uploads, which need no shared state;
      // the clouds throttle on their own, and authorize still decides who gets in.
      if (isVodUploadError(error) && error.code === 'store_unavailable') return true;
      throw error;
    }
    return count <= (routes[route] ?? limit);
  };
}
