/**
 * authenticate establishes the principal. This version knows one way: anonymous access, and
 * only where the config explicitly enables it. Bearer tokens and API keys arrive with the
 * identity milestone; until then every other request is refused with 401 rather than let in
 * unidentified (deny unless granted). A session may only be used by the principal that
 * created it; anyone else gets the same 404 as an unknown session.
 */
import type { Principal } from '../../auth/principal.ts';
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { Stage } from '../stage.ts';

const anonymousPrincipals = new WeakMap<object, Principal>();

export const authenticate: Stage = {
  name: 'authenticate',
  run(context) {
    const anonymous = context.runtime.auth.anonymous;
    if (!anonymous) {
      return rejectHttp(context, 401, JsonRpcErrorCode.invalidRequest, 'Unauthorized: this gateway version accepts only anonymous access, and the config does not enable it (auth.anonymous.enabled)');
    }
    let principal = anonymousPrincipals.get(anonymous);
    if (!principal) {
      principal = Object.freeze({ id: anonymous.principal, groups: anonymous.groups, method: 'anonymous' as const, key: `anonymous:${anonymous.principal}`, credentialId: null, attributes: new Map(), claims: {}, scopes: [], expiresAt: null });
      anonymousPrincipals.set(anonymous, principal);
    }
    if (context.session && context.session.principal.id !== principal.id) {
      return rejectHttp(context, 404, JsonRpcErrorCode.invalidRequest, 'Session not found: it ended or never existed; initialize a new one');
    }
    context.principal = principal;
  },
};
