/**
 * RpcError is a JSON-RPC error on its way to a client: thrown by the stage or upstream call that
 * decided it, turned into an error response by the endpoint. Its message is written for the
 * person reading the client's log, and never carries a secret.
 */
import { failure, type JsonRpcErrorObject, type JsonRpcFailure, type JsonRpcId } from './message.ts';

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  /** fromObject rebuilds an error an upstream returned, so it reaches the client unchanged. */
  static fromObject(error: JsonRpcErrorObject): RpcError {
    return new RpcError(error.code, error.message, error.data);
  }

  toResponse(id: JsonRpcId | null): JsonRpcFailure {
    return failure(id, this.code, this.message, this.data);
  }
}
