/**
 * rejectHttp answers a request at the HTTP level (a wrong header, an unknown session) with the
 * status the transport spec prescribes and a JSON-RPC error body saying what to fix, and ends
 * the pipeline's regular stages.
 */
import { failure, type JsonRpcId } from '../jsonrpc/message.ts';
import type { RequestContext } from './request-context.ts';

export function rejectHttp(context: RequestContext, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  context.done = true;
  context.httpStatus = status;
  const id: JsonRpcId | null = context.kind === 'request' ? ((context.message as { id: JsonRpcId }).id ?? null) : null;
  context.exchange.reply(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(failure(id, code, message)));
}
