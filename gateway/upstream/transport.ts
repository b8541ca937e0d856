/**
 * UpstreamTransport moves JSON-RPC messages between the gateway and one upstream MCP server.
 * It knows framing (stdio lines, HTTP POST + SSE) and nothing of MCP semantics: the
 * initialize handshake, id mapping, timeouts and restarts live in the connection above it.
 */
import type { JsonRpcId, JsonRpcMessage } from '../jsonrpc/message.ts';

export interface UpstreamTransport {
  /** start spawns or connects; it resolves once messages can be sent, and rejects when the signal aborts first. */
  start(signal: AbortSignal): Promise<void>;
  /**
   * send delivers one message. It rejects when the message could not be delivered (process gone,
   * connection refused, HTTP error status); an error response from the server is a message, not a rejection.
   */
  send(message: JsonRpcMessage): Promise<void>;
  /**
   * onmessage receives every message from the server. `cause` is the id of the gateway request on whose
   * HTTP response stream the message arrived (Streamable HTTP only); server-to-client requests and
   * progress use it to find the call that caused them. Undefined on stdio and on standalone streams.
   */
  onmessage?: (message: JsonRpcMessage, cause: JsonRpcId | undefined) => void;
  /** onclose is called once when the transport ends for any reason other than close(). */
  onclose?: (reason: Error) => void;
  /** setProtocolVersion records the negotiated revision; HTTP transports send it as MCP-Protocol-Version. */
  setProtocolVersion(version: string): void;
  /** close ends the transport: terminates the child (and its process group) or deletes the HTTP session. */
  close(): Promise<void>;
}

/**
 * TransportUnreachableError is what send() rejects with when the server cannot be reached at all
 * (connection refused or reset, DNS failure). The connection above treats it as lost and
 * reconnects with backoff, so /readyz and later calls say "unavailable" at once; an HTTP error
 * status for one request is not this.
 */
export class TransportUnreachableError extends Error {}
