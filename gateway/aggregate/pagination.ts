/**
 * The gateway's own pagination of merged lists. Cursors are opaque to clients (base64url of an
 * offset); a cursor the gateway did not issue gets -32602, as the spec asks.
 */
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';

/** DEFAULT_PAGE_SIZE keeps typical organisations on one page while bounding response size. */
export const DEFAULT_PAGE_SIZE = 500;

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | undefined;
}

/** paginate returns the page a cursor points at. */
export function paginate<T>(items: readonly T[], cursor: unknown, pageSize: number): Page<T> {
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  const end = offset + pageSize;
  return { items: offset === 0 && end >= items.length ? items : items.slice(offset, end), nextCursor: end < items.length ? encodeCursor(end) : undefined };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) throw new RpcError(JsonRpcErrorCode.invalidParams, 'invalid cursor: pass back the nextCursor of a previous page');
  return Number(match[1]);
}
