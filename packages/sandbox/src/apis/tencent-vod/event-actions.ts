import { PULL_EVENTS_MAX } from '../../events/tencent-event-queue.js';
import type { SandboxContext } from '../../http/api-module.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * PullEvents: long-polls the queue of the request's application (`SubAppId`, absent or 0 the main
 * one; up to 5 s, `events.pullWaitMs`) and answers at most 16 of its events, each with the
 * `EventHandle` of this delivery. Another application's events are never answered.
 * @see https://www.tencentcloud.com/document/api/266/34183
 */
export async function pullEvents(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, ['ExtInfo', 'SubAppId']);
  params.string('ExtInfo');
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const events = await ctx.events.tencentQueueOf(subAppId).pull(ctx.options.events.pullWaitMs);
  return { EventSet: events };
}

/**
 * ConfirmEvents: `EventHandles` (1–16) of events pulled from the request's application, which are
 * then never delivered again. A handle that is unknown (or another application's), already
 * confirmed, of an earlier delivery of a redelivered event, or past its confirmation window
 * (`events.redeliverAfterMs`, 30 s) refuses the whole call with `InvalidParameter` and confirms
 * nothing: "If the wait exceeds 30 seconds, a parameter error will be reported."
 * @see https://www.tencentcloud.com/document/api/266/34184
 */
export function confirmEvents(raw: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
  const params = new VodParams(raw, ['EventHandles', 'ExtInfo', 'SubAppId']);
  const handles = params.stringArray('EventHandles', { required: true, max: PULL_EVENTS_MAX });
  if (handles.length === 0) {
    throw new VodError('InvalidParameterValue.EventHandles', 'EventHandles must not be empty.');
  }
  params.string('ExtInfo');
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  if (!ctx.events.tencentQueueOf(subAppId).confirm(handles)) {
    throw new VodError(
      'InvalidParameter',
      'An EventHandle is unknown, already confirmed, or past its confirmation window (30 s; the sandbox option events.redeliverAfterMs): no event was confirmed.',
    );
  }
  return {};
}
