import { isVodUploadError } from '@vod-uploader/core';
import { readLimited } from '../http/read-json-body.js';

/** The largest event body a receiver reads: events are a few KiB. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

/** A receiver's answer: JSON, no caching. */
export function eventAnswer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** An event body still arriving after this long is refused, as the endpoint's own bodies are. */
const EVENT_BODY_TIMEOUT_MS = 10_000;

/**
 * The body of a cloud's event POST as text and JSON object, or the `Response` refusing it: 405 for
 * another method, 413 past 256 KiB (read as it streams: a receiver may be open to anyone, so a huge
 * body is never buffered), 408 when it is still arriving after 10 s, 400 when it is not a JSON object.
 */
export async function readEventBody(
  request: Request,
  timeoutMs = EVENT_BODY_TIMEOUT_MS,
): Promise<{ text: string; json: Record<string, unknown> } | Response> {
  if (request.method !== 'POST') return eventAnswer(405, { error: 'method_not_allowed' });
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_EVENT_BODY_BYTES) return eventAnswer(413, { error: 'too_large' });
  let text: string;
  try {
    text = await readLimited(request, MAX_EVENT_BODY_BYTES, timeoutMs);
  } catch (error) {
    const code = isVodUploadError(error) ? error.code : undefined;
    if (code === 'body_too_large') return eventAnswer(413, { error: 'too_large' });
    if (code === 'request_timeout') return eventAnswer(408, { error: 'request_timeout' });
    return eventAnswer(400, { error: 'invalid_json' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return eventAnswer(400, { error: 'invalid_json' });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return eventAnswer(400, { error: 'invalid_json' });
  return { text, json: json as Record<string, unknown> };
}
