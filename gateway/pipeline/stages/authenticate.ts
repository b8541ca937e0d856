/**
 * authenticate establishes the principal of every request, session or not: a session id is
 * never a credential. A bearer JWT from a configured issuer or an API key identifies it;
 * anonymous access exists only where the config turns it on. A session may only be used by
 * the principal that created it; anyone else gets the same 404 as an unknown session, so a
 * stolen session id is worth nothing without its owner's credential.
 */
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { Stage } from '../stage.ts';

export const authenticate: Stage = {
  name: 'authenticate',
  async run(context) {
    const outcome = await context.services.authenticator.authenticate(context.runtime, context.exchange);
    if (!outcome.ok) {
      context.services.logger.info({ status: outcome.status, reason: outcome.reason, remote: context.exchange.remoteAddress }, 'request not authenticated');
      context.authenticationFailure = outcome.reason;
      return rejectHttp(context, outcome.status, JsonRpcErrorCode.invalidRequest, outcome.message, outcome.headers);
    }
    const { principal } = outcome;
    const session = context.session;
    if (session && session.principal.key !== principal.key) {
      context.services.logger.warn({ session: session.id.slice(0, 8), owner: session.principal.id, presentedBy: principal.id }, 'session id presented by another principal');
      context.authenticationFailure = 'session-owned-by-another-principal';
      context.principal = principal;
      return rejectHttp(context, 404, JsonRpcErrorCode.invalidRequest, 'Session not found: it ended or never existed; initialize a new one');
    }
    // The same principal may come back with fresher groups or claims; lists follow the latest.
    if (session) session.principal = principal;
    context.principal = principal;
  },
};
