/**
 * Resource subscriptions. The upstream connection is shared by every session, so the gateway
 * subscribes upstream once per URI and keeps per-session subscriptions itself: an update goes
 * only to the sessions that asked, and unsubscribing one session never silences another.
 */
import type { RequestContext } from '../pipeline/request-context.ts';
import { forward } from './forward.ts';
import { resolveResource } from './routing.ts';

type Params = Record<string, unknown>;

function subscribersOf(context: RequestContext, uri: string): number {
  let count = 0;
  for (const session of context.services.sessions.values()) if (session.subscriptions.has(uri)) count++;
  return count;
}

export async function subscribe(context: RequestContext, params: Params | undefined): Promise<void> {
  context.target = resolveResource(context, context.services.view(context.runtime), params?.uri);
  const uri = context.target.name;
  if (subscribersOf(context, uri) === 0) await forward(context, 'resources/subscribe', { uri });
  context.session!.subscriptions.add(uri);
  context.result ??= {};
}

export async function unsubscribe(context: RequestContext, params: Params | undefined): Promise<void> {
  context.target = resolveResource(context, context.services.view(context.runtime), params?.uri);
  const uri = context.target.name;
  const removed = context.session!.subscriptions.delete(uri);
  if (removed && subscribersOf(context, uri) === 0) await forward(context, 'resources/unsubscribe', { uri });
  context.result ??= {};
}
