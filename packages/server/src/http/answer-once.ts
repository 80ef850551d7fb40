import { createHash } from 'node:crypto';
import type { TicketClaims } from '../ownership/upload-tickets.js';
import type { OnceAcrossInstances } from '../store/once-across-instances.js';
import type { RouteContext } from './route-context.js';
import type { ServerRouteName } from './server-routes.js';

/** The routes that open a cloud session, whose repeated request must not open a second one. */
export const ONCE_ONLY_ROUTES: ReadonlySet<ServerRouteName> = new Set<ServerRouteName>([
  'tencentApplyUpload',
  'aliyunCreateUploadVideo',
  'aliyunCreateUploadImage',
]);

/** What a once-only route answered, kept for its repeats: the ticket is issued anew from its claims. */
export interface OnceOnlyAnswer {
  result: unknown;
  envelope: RouteContext['envelope'];
  claims?: TicketClaims;
}

/**
 * Runs a once-only route (`ONCE_ONLY_ROUTES`) whose body carries a `requestId`: a repeat of the
 * same caller's same body and id within the window gets the first answer, with a fresh ticket for
 * the same session, and the cloud is asked once. The caller is part of the key, so another caller's
 * id is only his own; a body without `requestId` runs as always.
 */
export async function answerOnce(
  context: RouteContext,
  name: ServerRouteName,
  run: (context: RouteContext) => Promise<unknown>,
  answers: OnceAcrossInstances<OnceOnlyAnswer>,
): Promise<unknown> {
  const body = await context.body();
  if (typeof body.requestId !== 'string') return run(context);
  const id = createHash('sha256')
    .update(JSON.stringify([context.caller.id, name, body]))
    .digest('hex');
  const answer = await answers.run(id, async () => {
    let claims: TicketClaims | undefined;
    const envelope: RouteContext['envelope'] = {};
    const result = await run({
      ...context,
      envelope,
      issueTicket: (issued) => {
        claims = issued;
      },
    });
    return { result, envelope, ...(claims ? { claims } : {}) };
  });
  Object.assign(context.envelope, answer.envelope);
  if (answer.claims) context.issueTicket(answer.claims);
  return answer.result;
}
