/**
 * forward sends one client request to the upstream that owns it and relays everything that
 * belongs to that call back on the call's own response stream: progress (with the client's
 * token restored), logging, and server-to-client requests (sampling, elicitation, roots),
 * each only if the client declared the matching capability. All of it, and an error the upstream
 * answers with, passes the call's response-phase guardrails first.
 */
import { unavailableError } from '../upstream/unavailable-error.ts';
import { JsonRpcErrorCode, type JsonRpcId } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { Session } from '../session/session.ts';
import { Cancellation, CancelledError, type CallOptions, type CallOwner } from '../upstream/upstream-peer.ts';
import type { ReplyChannel } from '../mcp/reply-channel.ts';
import { rejectHttp } from '../pipeline/http-rejection.ts';
import { blockedRelay, guardRelayed, type RelayOutcome } from '../pipeline/stages/guard.ts';
import { NotProvisionedError } from '../secrets/resolve-template.ts';
import { SecretUnavailableError } from '../secrets/secret-source.ts';
import { isCredentialRefusal } from '../upstream/credential-refusal.ts';
import type { UpstreamConnection } from '../upstream/upstream-connection.ts';
import { upstreamCallEndChannel, upstreamCallStartChannel, type UpstreamCallEvent } from '../telemetry/events.ts';

type Params = Record<string, unknown>;

const requiredClientCapability: Readonly<Record<string, string>> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

/** Relay passes what an upstream sends during a call through the call's guardrails. */
type Relay = (value: Params) => RelayOutcome;

function callOwner(session: Session, channel: ReplyChannel, timeoutMs: number, relay: Relay): CallOwner {
  return {
    key: session.id,
    serverRequest(method, params) {
      const capability = requiredClientCapability[method];
      if (!capability) return Promise.reject(new RpcError(JsonRpcErrorCode.methodNotFound, `the gateway does not relay ${method} to clients`));
      if (!session.clientCapabilities[capability]) {
        return Promise.reject(new RpcError(JsonRpcErrorCode.methodNotFound, `the client did not declare the ${capability} capability`));
      }
      let relayed = params;
      if (params !== undefined) {
        const guarded = relay(params);
        if (guarded.blockedBy !== undefined) return Promise.reject(blockedRelay(guarded.blockedBy));
        relayed = guarded.value;
      }
      return session.request(method, relayed, channel, timeoutMs);
    },
    notify(method, params) {
      if (method === 'notifications/message' && !session.wantsLog(params?.level)) return;
      let relayed = params;
      if (params !== undefined) {
        const guarded = relay(params);
        // A blocked notification is dropped: there is no request to answer with an error.
        if (guarded.blockedBy !== undefined) return;
        relayed = guarded.value;
      }
      const message = relayed === undefined ? { jsonrpc: '2.0' as const, method } : { jsonrpc: '2.0' as const, method, params: relayed };
      if (!channel.send(message)) session.push(message);
    },
  };
}

/** guardedError passes an upstream's error through the call's guardrails: its message and data reach the client too. */
function guardedError(error: RpcError, relay: Relay): RpcError {
  const guarded = relay({ message: error.message, ...(error.data === undefined ? {} : { data: error.data }) });
  if (guarded.blockedBy !== undefined) return blockedRelay(guarded.blockedBy);
  return new RpcError(error.code, guarded.value.message as string, guarded.value.data);
}

/** connectionFor finds the connection for the caller, turning a missing credential into the caller's error. */
async function connectionFor(context: RequestContext, serverId: string): Promise<UpstreamConnection> {
  let connection: UpstreamConnection | undefined;
  try {
    connection = await context.services.connectionFor(serverId, context.session!.principal);
  } catch (error) {
    if (error instanceof NotProvisionedError) {
      throw new RpcError(
        JsonRpcErrorCode.upstreamUnavailable,
        `server ${serverId} acts as each user, and no credential is provisioned for you (${error.reference}); ask the gateway's operators to create it`,
      );
    }
    if (error instanceof SecretUnavailableError) throw unavailableError(serverId, error.message);
    throw error;
  }
  if (!connection) throw unavailableError(serverId, 'not connected');
  return connection;
}

/**
 * reportedRequest sends one request upstream, announcing it on the telemetry seam: a subscriber
 * may add the trace context to the params before they leave.
 */
async function reportedRequest(context: RequestContext, connection: UpstreamConnection, method: string, params: Params | undefined, options: CallOptions): Promise<Params> {
  if (!upstreamCallStartChannel.hasSubscribers) return connection.request(method, params, options);
  const transport = connection.server.transport;
  const event: UpstreamCallEvent = {
    request: context,
    serverId: connection.id,
    method,
    params,
    transport: transport.type,
    url: transport.type === 'stdio' ? undefined : transport.url,
    startedAt: performance.now(),
    result: undefined,
    error: undefined,
  };
  upstreamCallStartChannel.publish(event);
  try {
    event.result = await connection.request(method, event.params, options);
    return event.result;
  } catch (error) {
    event.error = error;
    throw error;
  } finally {
    upstreamCallEndChannel.publish(event);
  }
}

/** forward calls `method` on the target server with `params` (already rewritten to upstream names). */
export async function forward(context: RequestContext, method: string, params: Params | undefined): Promise<void> {
  const session = context.session!;
  const channel = context.channel!;
  const id = (context.message as { id: JsonRpcId }).id;
  const serverId = context.target!.serverId;
  const server = context.runtime.servers.get(serverId)!;
  const connection = await connectionFor(context, serverId);
  if (session.calls.has(id)) throw new RpcError(JsonRpcErrorCode.invalidRequest, `request id ${JSON.stringify(id)} is already in flight in this session`);
  const { limits } = context.runtime;
  const principalId = session.principal.id;
  const principalCalls = context.services.callsByPrincipal.get(principalId) ?? 0;
  const over =
    session.calls.size >= limits.maxConcurrentCallsPerSession ? `this session (limits.maxConcurrentCallsPerSession ${limits.maxConcurrentCallsPerSession})`
    : principalCalls >= limits.maxConcurrentCallsPerPrincipal ? `this principal (limits.maxConcurrentCallsPerPrincipal ${limits.maxConcurrentCallsPerPrincipal})`
    : undefined;
  if (over) {
    context.channel = undefined;
    return rejectHttp(context, 429, JsonRpcErrorCode.invalidRequest, `Too Many Requests: too many calls in flight for ${over}; retry when one finishes`, { 'retry-after': '1' });
  }
  const meta = params?._meta;
  const clientToken = typeof meta === 'object' && meta !== null ? (meta as Params).progressToken : undefined;
  const cancellation = new Cancellation();
  session.calls.set(id, { cancellation, channel });
  context.services.callsByPrincipal.set(principalId, principalCalls + 1);
  const relay: Relay = (value) => guardRelayed(context, value);
  const options = {
    timeoutMs: server.callTimeoutMs,
    cancellation,
    owner: callOwner(session, channel, server.callTimeoutMs, relay),
    onProgress:
      clientToken === undefined
        ? undefined
        : (progress: Params) => {
            const guarded = relay(progress);
            if (guarded.blockedBy === undefined) channel.send({ jsonrpc: '2.0', method: 'notifications/progress', params: { ...guarded.value, progressToken: clientToken } });
          },
  };
  const sentAt = Date.now();
  try {
    try {
      context.result = await reportedRequest(context, connection, method, params, options);
    } catch (error) {
      // A refused credential may just have been rotated: refetch it and retry once. The upstream
      // refused the request before running it, so the retry cannot run it twice.
      if (!isCredentialRefusal(error)) throw error;
      await context.services.refreshCredentials(serverId, session.principal, sentAt);
      context.result = await reportedRequest(context, connection, method, params, options);
    }
  } catch (error) {
    if (error instanceof CancelledError) context.cancelled = true;
    else if (error instanceof RpcError) throw guardedError(error, relay);
    else throw error;
  } finally {
    if (session.calls.get(id)?.cancellation === cancellation) session.calls.delete(id);
    const remaining = (context.services.callsByPrincipal.get(principalId) ?? 1) - 1;
    if (remaining > 0) context.services.callsByPrincipal.set(principalId, remaining);
    else context.services.callsByPrincipal.delete(principalId);
  }
}
