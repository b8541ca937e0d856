/**
 * resources/subscribe and resources/unsubscribe. The gateway subscribes upstream once per URI
 * (see SubscriptionRegistry) so that an update reaches only the sessions that asked, and one
 * session unsubscribing never silences another.
 */
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import { MAX_SUBSCRIPTIONS_PER_SESSION } from '../session/subscription-registry.ts';
import { forward } from './forward.ts';

export async function subscribe(context: RequestContext): Promise<void> {
  const { serverId, name: uri } = context.target!;
  const registry = context.services.subscriptions;
  const session = context.session!;
  if (!registry.has(serverId, uri, session.id)) {
    if (registry.countFor(session.id) >= MAX_SUBSCRIPTIONS_PER_SESSION) {
      throw new RpcError(JsonRpcErrorCode.invalidRequest, `a session may hold at most ${MAX_SUBSCRIPTIONS_PER_SESSION} subscriptions`);
    }
    if (registry.subscribers(serverId, uri).size === 0) await forward(context, 'resources/subscribe', { uri });
    if (!session.closed) registry.add(serverId, uri, session.id);
  }
  context.result ??= {};
}

export async function unsubscribe(context: RequestContext): Promise<void> {
  const { serverId, name: uri } = context.target!;
  if (context.services.subscriptions.remove(serverId, uri, context.session!.id)) await forward(context, 'resources/unsubscribe', { uri });
  context.result ??= {};
}
