/**
 * Notifications and responses a client posts. They are acknowledged with 202 as soon as the
 * session and principal are established; what they cause (a cancellation relayed upstream, an
 * answer to a sampling request) happens after.
 */
import type { JsonRpcId } from '../jsonrpc/message.ts';
import type { RequestContext } from '../pipeline/request-context.ts';

type Params = Record<string, unknown>;

export function dispatchClientMessage(context: RequestContext): void {
  context.exchange.reply(202, {});
  context.done = true;
  const session = context.session!;
  const message = context.message as { id?: JsonRpcId; method?: string; params?: Params; result?: Params; error?: { code: number; message: string } };
  if (context.kind === 'response') {
    if (!session.answer(message.id!, message.result, message.error)) context.services.logger.debug({ session: session.id.slice(0, 8) }, 'client answered an unknown request id');
    return;
  }
  switch (message.method) {
    case 'notifications/initialized':
      session.initialized = true;
      return;
    case 'notifications/cancelled': {
      const requestId = message.params?.requestId;
      if (typeof requestId === 'string' || typeof requestId === 'number') session.calls.get(requestId)?.cancellation.cancel();
      return;
    }
    default:
      // roots/list_changed cannot be relayed: upstream connections are shared, and their next
      // roots/list request is routed to the session whose call causes it, which is always current.
      return;
  }
}
