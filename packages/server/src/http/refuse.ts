import type { AuthRefusal } from '../config/vod-handler-config.js';

/**
 * What `authorize` returns to refuse a caller: `'unauthorized'` (401, not signed in) or
 * `'forbidden'` (403, signed in but not allowed).
 * @example
 * authorize: async (request) => (await session(request))?.user ?? refuse('unauthorized')
 */
export function refuse(kind: AuthRefusal['refuse'], message?: string): AuthRefusal {
  return message === undefined ? { refuse: kind } : { refuse: kind, message };
}
