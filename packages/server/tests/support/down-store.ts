import type { SharedStore } from '@vod-uploader/server';

/** A shared store every step of which fails, as an unreachable Redis does. */
export function downStore(reason = 'ECONNREFUSED'): SharedStore {
  const down = () => Promise.reject(new Error(reason));
  return {
    setIfAbsent: down,
    get: down,
    set: down,
    delete: down,
    increment: down,
    extendIfEqual: down,
    deleteIfEqual: down,
  };
}
