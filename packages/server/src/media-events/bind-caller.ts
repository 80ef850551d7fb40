import type { RouteContext } from '../http/route-context.js';
import { withSeal } from './caller-seal.js';

/** Tencent's documented lengths. @see https://www.tencentcloud.com/document/api/266/34120 */
const SESSION_CONTEXT_MAX = 1000;
const SOURCE_CONTEXT_MAX = 250;

/**
 * With `onMediaEvent`, puts the caller's sealed id in front of an ApplyUpload/PullUpload's
 * `SessionContext` (returned by procedure and pull events) and `SourceContext` (returned in
 * `NewFileUpload`'s `MediaBasicInfo.SourceInfo`), keeping the app's own value after it. A field
 * that would pass its length with the seal keeps the app's value alone (that media's events then
 * name no caller). Without `onMediaEvent` the parameters are returned untouched.
 */
export function bindTencentCaller<T extends Record<string, unknown>>(context: RouteContext, params: T): T {
  const seal = context.sealedCaller();
  if (!seal) return params;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const session = withSeal(seal, text(params.SessionContext), SESSION_CONTEXT_MAX);
  const source = withSeal(seal, text(params.SourceContext), SOURCE_CONTEXT_MAX);
  return {
    ...params,
    ...(session ? { SessionContext: session } : {}),
    ...(source ? { SourceContext: source } : {}),
  };
}
