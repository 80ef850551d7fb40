import type { EndpointFailure, EndpointSuccess, VodUploadError } from '@vod-uploader/core';
import { httpStatusOf } from '@vod-uploader/core';
import type { CorsOptions } from '../config/vod-handler-config.js';

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  // Answers carry short-lived upload credentials: never cache them anywhere.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * Builds every response of the handler: JSON, no-store, CORS when configured, and a last scrub of
 * the configured secrets out of the body (defence in depth: nothing should carry them anyway).
 */
export class Responder {
  private readonly secrets: readonly string[];

  constructor(
    secrets: readonly string[],
    private readonly cors: CorsOptions | undefined,
  ) {
    // Short strings would redact innocent text; real secrets are long.
    this.secrets = secrets.filter((secret) => secret.length >= 8);
  }

  /** `envelope`: the answer's optional fields (`ticket`, `storageEndpoint`), beside `result` and `serverTime`. */
  success<T>(
    request: Request,
    result: T,
    serverTime: number,
    envelope: Omit<Partial<EndpointSuccess<T>>, 'result' | 'serverTime'> = {},
  ): Response {
    const body: EndpointSuccess<T> = { result, serverTime, ...envelope };
    return this.json(request, 200, body);
  }

  failure(
    request: Request,
    error: VodUploadError,
    status = httpStatusOf(error.code),
    headers: Record<string, string> = {},
  ): Response {
    const body: EndpointFailure = { error: error.toJSON() };
    return this.json(request, status, body, headers);
  }

  /** Answers a CORS preflight: 204, with the CORS headers only when the origin is allowed. */
  preflight(request: Request): Response {
    const headers = this.corsHeaders(request);
    if (headers['access-control-allow-origin']) {
      headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
      headers['access-control-allow-headers'] = (
        this.cors?.allowHeaders ?? ['content-type', 'authorization']
      ).join(', ');
      headers['access-control-max-age'] = String(this.cors?.maxAgeSeconds ?? 600);
    }
    return new Response(null, { status: 204, headers });
  }

  private json(
    request: Request,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): Response {
    let text = JSON.stringify(body);
    for (const secret of this.secrets)
      if (text.includes(secret)) text = text.replaceAll(secret, '[redacted]');
    return new Response(text, {
      status,
      headers: { ...BASE_HEADERS, ...headers, ...this.corsHeaders(request) },
    });
  }

  private corsHeaders(request: Request): Record<string, string> {
    if (!this.cors) return {};
    const origin = request.headers.get('origin');
    // A 429's wait, which a browser hides from another origin's script unless it is exposed.
    const exposed = { 'access-control-expose-headers': 'retry-after' };
    if (this.cors.origins === '*') return { 'access-control-allow-origin': '*', ...exposed };
    const headers: Record<string, string> = { vary: 'Origin' };
    if (origin && this.cors.origins.includes(origin)) {
      headers['access-control-allow-origin'] = origin;
      // A listed origin may send cookies, so `authorize` can read a session.
      headers['access-control-allow-credentials'] = 'true';
      Object.assign(headers, exposed);
    }
    return headers;
  }
}
