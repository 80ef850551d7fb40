/** The largest event body a receiver reads: events are a few KiB. */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

/** A receiver's answer: JSON, no caching. */
export function eventAnswer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The body of a cloud's event POST as text and JSON object, or the `Response` refusing it: 405 for
 * another method, 413 past 256 KiB, 400 when it is not a JSON object.
 */
export async function readEventBody(
  request: Request,
): Promise<{ text: string; json: Record<string, unknown> } | Response> {
  if (request.method !== 'POST') return eventAnswer(405, { error: 'method_not_allowed' });
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_EVENT_BODY_BYTES) return eventAnswer(413, { error: 'too_large' });
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_EVENT_BODY_BYTES) return eventAnswer(413, { error: 'too_large' });
  const text = new TextDecoder().decode(bytes);
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
