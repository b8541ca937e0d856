/**
 * initialize creates the client's session: it negotiates the protocol revision, binds the
 * session to the authenticated principal, and answers with the gateway's capabilities (the
 * union of its upstreams'). At the session cap the answer is 503 with Retry-After, so a
 * client backs off instead of failing for good.
 */
import { principalCatalog } from '../aggregate/principal-catalog.ts';
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { negotiateVersion } from '../mcp/protocol-versions.ts';
import { rejectHttp } from '../pipeline/http-rejection.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import { Session } from '../session/session.ts';

type Params = Record<string, unknown>;

export const GATEWAY_INFO = { name: 'portcullis', title: 'Portcullis MCP gateway', version: '0.1.0' };

export function initialize(context: RequestContext, params: Params | undefined): void {
  const { sessions } = context.services;
  if (sessions.size >= context.runtime.limits.maxSessions) {
    return rejectHttp(context, 503, JsonRpcErrorCode.internalError, 'the gateway is at its session limit (limits.maxSessions); retry later', { 'retry-after': '5' });
  }
  const protocolVersion = negotiateVersion(params?.protocolVersion);
  const capabilities = (params?.capabilities as Params | undefined) ?? {};
  const clientInfo = (params?.clientInfo as Params | undefined) ?? {};
  const session = new Session(sessions.newId(), protocolVersion, capabilities, clientInfo, context.principal!);
  // The baseline for list_changed: what this principal's lists hold as the session starts.
  session.seenCatalog = principalCatalog(context.services.view(context.runtime), context.access!);
  sessions.add(session);
  context.session = session;
  context.channel!.headers = { 'mcp-session-id': session.id };
  const instructions = context.services.instructions(context.runtime);
  context.result = {
    protocolVersion,
    capabilities: context.services.capabilities(context.runtime),
    serverInfo: GATEWAY_INFO,
    ...(instructions ? { instructions } : {}),
  };
  context.services.logger.info({ session: session.id.slice(0, 8), principal: session.principal.id, protocolVersion, client: clientInfo.name }, 'session started');
}
