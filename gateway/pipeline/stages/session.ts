/**
 * session finds the client's session from Mcp-Session-Id and checks MCP-Protocol-Version.
 * An initialize request needs no session: the call stage creates one after authentication, so
 * a session always belongs to a principal. A missing id is 400; an unknown or ended one is
 * 404, which tells clients to initialize again.
 */
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../mcp/protocol-versions.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { Stage } from '../stage.ts';

export const session: Stage = {
  name: 'session',
  run(context) {
    const { exchange } = context;
    if (context.kind === 'request' && (context.message as { method: string }).method === 'initialize') return;
    const id = exchange.header('mcp-session-id');
    if (id === undefined || id === '') {
      return rejectHttp(context, 400, JsonRpcErrorCode.invalidRequest, 'Bad Request: Mcp-Session-Id header is required; send initialize first');
    }
    const found = context.services.sessions.get(id);
    if (!found) return rejectHttp(context, 404, JsonRpcErrorCode.invalidRequest, 'Session not found: it ended or never existed; initialize a new one');
    const version = exchange.header('mcp-protocol-version');
    if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return rejectHttp(context, 400, JsonRpcErrorCode.invalidRequest, `Bad Request: unsupported MCP-Protocol-Version ${JSON.stringify(version)} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
    }
    found.lastActivity = context.receivedAt;
    context.session = found;
  },
};
