/**
 * RequestContext is everything the pipeline stages share about one HTTP request to the MCP
 * endpoint. A stage reads what earlier stages established and adds its own finding; the
 * runtime is read once when the request arrives and kept to its end, so a reload never changes
 * the rules halfway through a call.
 */
import type { Principal } from '../auth/principal.ts';
import type { AccessProfile } from '../policy/access-policy.ts';
import type { Decision } from '../policy/decision.ts';
import type { HttpExchange } from '../http/exchange.ts';
import type { JsonRpcMessage, MessageKind } from '../jsonrpc/message.ts';
import type { RpcError } from '../jsonrpc/rpc-error.ts';
import type { ReplyChannel } from '../mcp/reply-channel.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Session } from '../session/session.ts';
import type { GuardVerdict } from '../guardrails/verdict.ts';
import type { GatewayServices } from './services.ts';

/** Target is the upstream a request goes to, as the route stage found it. */
export interface Target {
  readonly serverId: string;
  /** name is the tool or prompt name, or the resource URI, as the upstream knows it. */
  readonly name: string;
  /** unavailable is the error to answer with when the server is down (once the call is authorized). */
  readonly unavailable: RpcError | undefined;
}

export interface RequestContext {
  readonly exchange: HttpExchange;
  readonly runtime: Runtime;
  readonly services: GatewayServices;
  readonly receivedAt: number;
  /** receivedAtHr is receivedAt on the monotonic clock (performance.now()), for durations. */
  readonly receivedAtHr: number;
  message: JsonRpcMessage | undefined;
  kind: MessageKind | undefined;
  session: Session | undefined;
  principal: Principal | undefined;
  /** access is what the principal may use under this runtime's policy (set by authorize). */
  access: AccessProfile | undefined;
  /** decision is the policy's verdict on the target, with the rule that made it. */
  decision: Decision | undefined;
  /** channel is the response of a JSON-RPC request; undefined for notifications and HTTP-level answers. */
  channel: ReplyChannel | undefined;
  target: Target | undefined;
  result: Record<string, unknown> | undefined;
  error: RpcError | undefined;
  /** verdicts are the guardrails' findings on this request's arguments and result, for audit. */
  readonly verdicts: GuardVerdict[];
  /** authenticationFailure says why the request's credential was refused (for audit; never shown to the client beyond its status). */
  authenticationFailure: string | undefined;
  /** httpStatus is the status of an answer given at the HTTP level (rejectHttp), for telemetry. */
  httpStatus: number | undefined;
  /** done is set once the outcome is decided; the remaining regular stages are skipped. */
  done: boolean;
  /** cancelled is set when the client cancelled the request: no response is owed. */
  cancelled: boolean;
}

/** createContext starts the context of a request that just arrived. */
export function createContext(exchange: HttpExchange, runtime: Runtime, services: GatewayServices): RequestContext {
  return {
    exchange,
    runtime,
    services,
    receivedAt: Date.now(),
    receivedAtHr: performance.now(),
    message: undefined,
    kind: undefined,
    session: undefined,
    principal: undefined,
    access: undefined,
    decision: undefined,
    channel: undefined,
    target: undefined,
    result: undefined,
    error: undefined,
    verdicts: [],
    httpStatus: undefined,
    authenticationFailure: undefined,
    done: false,
    cancelled: false,
  };
}
