import { PULL_EVENTS_MAX } from '../../events/tencent-event-queue.js';
import type { SandboxContext } from '../../http/api-module.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * PullEvents: long-polls the event queue (up to 5 s, `events.pullWaitMs`) and answers at most 16
 * events, each with the `EventHandle` of this delivery. The sandbox keeps one queue for every
 * `SubAppId`.
 * @see https://www.tencentcloud.com/document/api/266/34183
 */
export async function pullEvents(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, ['ExtInfo', 'SubAppId']);
  params.string('ExtInfo');
  readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const events = await ctx.events.tencentQueue.pull(ctx.options.events.pullWaitMs);
  return { EventSet: events };
}

/**
 * ConfirmEvents: `EventHandles` (1–16) of pulled events, which are then never delivered again. A
 * handle that is unknown, or of an earlier delivery of a redelivered event, changes nothing.
 * @see https://www.tencentcloud.com/document/api/266/34184
 */
export function confirmEvents(raw: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
  const params = new VodParams(raw, ['EventHandles', 'ExtInfo', 'SubAppId']);
  const handles = params.stringArray('EventHandles', { required: true, max: PULL_EVENTS_MAX });
  if (handles.length === 0) {
    throw new VodError('InvalidParameterValue.EventHandles', 'EventHandles must not be empty.');
  }
  params.string('ExtInfo');
  readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  ctx.events.tencentQueue.confirm(handles);
  return {};
}
