import { type VodUploadError, vodError } from '@vod-uploader/core';

/** Largest request body the endpoint reads. Every route's JSON is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Largest body of POST /s3/complete, whose parts list (up to 10,000 parts of ~90 bytes of JSON)
 * is the one body that grows with the file.
 */
export const MAX_PARTS_LIST_BODY_BYTES = 1024 * 1024;

/**
 * Deepest nesting of arrays and objects a body may have. The deepest route body is 3 levels
 * (`{ parts: [{ … }] }`); a 64 KiB body can nest 32,000 levels, which `JSON.parse` takes but
 * recursive code after it (`JSON.stringify` of the once-only key, the schemas) overflows the stack on.
 */
export const MAX_BODY_DEPTH = 32;

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Give up on a body that has not fully arrived after this many ms (408 `request_timeout`). */
  timeoutMs?: number;
  /** The largest body taken (default {@link MAX_BODY_BYTES}). */
  maxBytes?: number;
}

function tooLarge(maxBytes: number): VodUploadError {
  return vodError('body_too_large', `body: larger than ${maxBytes / 1024} KiB`, { field: 'body' });
}

/**
 * Reads a JSON object body, refusing (`request_invalid`) a wrong content type, anything that is
 * not a JSON object and one nested deeper than {@link MAX_BODY_DEPTH}, a body over `maxBytes`
 * (`body_too_large`, without buffering more), and a
 * body still arriving after `timeoutMs` (`request_timeout`: one byte every few seconds would
 * otherwise hold a connection and its memory for minutes). Requiring
 * `application/json` also means a cross-site HTML form can never reach a route (it cannot send that
 * type without a CORS preflight), which matters when `authorize` reads cookies.
 */
export async function readJsonBody(
  request: Request,
  options: ReadJsonBodyOptions = {},
): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw vodError('request_invalid', 'content-type: must be application/json', { field: 'content-type' });
  }
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const text = await readLimited(request, maxBytes, options.timeoutMs);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw vodError('request_invalid', 'body: not valid JSON', { field: 'body' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw vodError('request_invalid', 'body: must be a JSON object', { field: 'body' });
  }
  if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
    throw vodError('request_invalid', `body: nested deeper than ${MAX_BODY_DEPTH} levels`, { field: 'body' });
  }
  return value as Record<string, unknown>;
}

/** Whether the JSON `text` (already parsed, so well-formed) nests arrays and objects deeper than `max`. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * A request's body as UTF-8 text, read as it streams: refused (`body_too_large`) the moment it passes
 * `maxBytes`, without buffering more, and (`request_timeout`) when still arriving after `timeoutMs`.
 */
export async function readLimited(
  request: Request,
  maxBytes: number,
  timeoutMs: number | undefined,
): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    timeoutMs === undefined
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                vodError('request_timeout', `body: not received within ${timeoutMs} ms`, { field: 'body' }),
              ),
            timeoutMs,
          );
        });
  try {
    for (;;) {
      const { done, value } = await (deadline ? Promise.race([reader.read(), deadline]) : reader.read());
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited: a stalled client must not hold the answer back.
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, total);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw vodError('request_invalid', 'body: not valid UTF-8', { field: 'body' });
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
