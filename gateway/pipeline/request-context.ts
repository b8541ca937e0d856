/**
 * RequestContext is everything the pipeline stages share about one HTTP request to the MCP
 * endpoint. A stage reads what earlier stages established and adds its own finding; the
 * runtime is read once when the request arrives and kept to its end, so a reload never changes
 * the rules halfway through a call.
 */
import type { Principal } from '../auth/principal.ts';
import type { HttpExchange } from '../http/exchange.ts';
import type { JsonRpcMessage, MessageKind } from '../jsonrpc/message.ts';
import type { RpcError } from '../jsonrpc/rpc-error.ts';
import type { ReplyChannel } from '../mcp/reply-channel.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Session } from '../session/session.ts';
import type { GatewayServices } from './services.ts';

/** Target is the upstream a request goes to, once routing has resolved it. */
export interface Target {
  readonly serverId: string;
  /** name is the tool or prompt name, or the resource URI, as the upstream knows it. */
  readonly name: string;
}

export interface RequestContext {
  readonly exchange: HttpExchange;
  readonly runtime: Runtime;
  readonly services: GatewayServices;
  readonly receivedAt: number;
  message: JsonRpcMessage | undefined;
  kind: MessageKind | undefined;
  session: Session | undefined;
  principal: Principal | undefined;
  /** channel is the response of a JSON-RPC request; undefined for notifications and HTTP-level answers. */
  channel: ReplyChannel | undefined;
  target: Target | undefined;
  result: Record<string, unknown> | undefined;
  error: RpcError | undefined;
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
    message: undefined,
    kind: undefined,
    session: undefined,
    principal: undefined,
    channel: undefined,
    target: undefined,
    result: undefined,
    error: undefined,
    done: false,
    cancelled: false,
  };
}
