import { type VodUploadError, vodError } from '@vod-uploader/core';

/** Largest request body the endpoint reads. Every route's JSON is a few hundred bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

const BODY_TOO_LARGE = 'body: larger than 64 KiB';

/** True for the refusal of a body over `MAX_BODY_BYTES`, which is answered with HTTP 413. */
export function isBodyTooLarge(error: VodUploadError): boolean {
  return error.code === 'request_invalid' && error.message === BODY_TOO_LARGE;
}

/**
 * Reads a JSON object body, refusing (`request_invalid`) a wrong content type, a body over 64 KiB
 * (without buffering more than that) and anything that is not a JSON object. Requiring
 * `application/json` also means a cross-site HTML form can never reach a route (it cannot send that
 * type without a CORS preflight), which matters when `authorize` reads cookies.
 */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw vodError('request_invalid', 'content-type: must be application/json', { field: 'content-type' });
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw vodError('request_invalid', BODY_TOO_LARGE, { field: 'body' });

  const text = await readLimited(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw vodError('request_invalid', 'body: not valid JSON', { field: 'body' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw vodError('request_invalid', 'body: must be a JSON object', { field: 'body' });
  }
  return value as Record<string, unknown>;
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw vodError('request_invalid', BODY_TOO_LARGE, { field: 'body' });
    }
    chunks.push(value);
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
