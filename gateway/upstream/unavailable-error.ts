/**
 * unavailableError is the one error a client gets for a server that cannot take calls:
 * JSON-RPC -32010, "server X is unavailable: reason". Reasons can themselves be such errors
 * (a failed handshake becomes the connection's last error), so the prefix is never doubled.
 */
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';

export function unavailableError(serverId: string, reason: string): RpcError {
  return new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${serverId} is unavailable: ${unavailableReason(serverId, reason)}`);
}

/** unavailableReason is a reason without any "server X is unavailable: " prefixes it collected on the way. */
export function unavailableReason(serverId: string, reason: string): string {
  const prefix = `server ${serverId} is unavailable: `;
  let text = reason;
  while (text.startsWith(prefix)) text = text.slice(prefix.length);
  return text;
}
