/**
 * call-upstream does what the request asked: a POSTed request is answered by the gateway (for
 * methods about the gateway itself) or forwarded to the owning upstream; a posted
 * notification or response is acknowledged and relayed; GET opens the session's stream for
 * server-initiated messages; DELETE ends the session.
 */
import { dispatchClientMessage } from '../../dispatch/dispatch-client-message.ts';
import { dispatchRequest } from '../../dispatch/dispatch-request.ts';
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { RequestContext } from '../request-context.ts';
import type { Stage } from '../stage.ts';

// Comment lines keep proxies and load balancers from closing a quiet stream.
const keepAliveMs = 25_000;

function openStandaloneStream(context: RequestContext): void {
  const session = context.session!;
  if (session.standalone && !session.standalone.closed) {
    return rejectHttp(context, 409, JsonRpcErrorCode.invalidRequest, 'Conflict: this session already has an open GET stream');
  }
  context.done = true;
  const stream = context.exchange.openStream(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'mcp-session-id': session.id });
  stream.write(': portcullis stream open\n\n');
  session.standalone = stream;
  const timer = setInterval(() => (stream.closed ? clearInterval(timer) : stream.write(': keep-alive\n\n')), keepAliveMs);
  timer.unref();
  context.exchange.onClose(() => {
    clearInterval(timer);
    if (session.standalone === stream) session.standalone = undefined;
  });
}

export const callUpstream: Stage = {
  name: 'call-upstream',
  run(context) {
    switch (context.exchange.method) {
      case 'GET':
        return openStandaloneStream(context);
      case 'DELETE':
        context.services.sessions.end(context.session!.id, 'deleted');
        context.done = true;
        context.exchange.reply(200, {});
        return;
    }
    if (context.kind === 'request') {
      // During shutdown, calls in flight may still need answers from their clients (sampling,
      // elicitation, cancellation); only new requests are turned away.
      if (context.services.stopping) return rejectHttp(context, 503, JsonRpcErrorCode.internalError, 'the gateway is shutting down; retry on another instance', { 'retry-after': '1' });
      return dispatchRequest(context);
    }
    dispatchClientMessage(context);
  },
};
