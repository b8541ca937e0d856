/**
 * parse checks what the Streamable HTTP transport requires of the request itself, in the order
 * a client can fix it: Accept (406), Content-Type (415), body size (413), JSON (400 with
 * -32700), one JSON-RPC message (400 with -32600). GET needs an Accept that takes SSE; DELETE
 * has no body. Everything after this stage sees a classified message.
 */
import { JsonRpcErrorCode, classifyMessage, type JsonRpcMessage } from '../../jsonrpc/message.ts';
import { ReplyChannel } from '../../mcp/reply-channel.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { RequestContext } from '../request-context.ts';
import type { Stage } from '../stage.ts';

function accepts(accept: string, type: string): boolean {
  const [major] = type.split('/');
  return accept.split(',').some((entry) => {
    const media = entry.split(';')[0]!.trim().toLowerCase();
    return media === type || media === `${major}/*` || media === '*/*';
  });
}

async function parsePost(context: RequestContext): Promise<void> {
  const { exchange } = context;
  const accept = exchange.header('accept') ?? '';
  if (!accepts(accept, 'application/json') || !accepts(accept, 'text/event-stream')) {
    return rejectHttp(context, 406, JsonRpcErrorCode.invalidRequest, 'Not Acceptable: the Accept header must list both application/json and text/event-stream');
  }
  const contentType = (exchange.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return rejectHttp(context, 415, JsonRpcErrorCode.invalidRequest, 'Unsupported Media Type: the body must be application/json');
  }
  const limit = context.runtime.limits.maxRequestBodyBytes;
  const body = await exchange.readBody(limit);
  if (body === null) return rejectHttp(context, 413, JsonRpcErrorCode.invalidRequest, `Payload Too Large: the request body exceeds limits.maxRequestBody (${limit} bytes)`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return rejectHttp(context, 400, JsonRpcErrorCode.parseError, 'Parse error: the body is not valid JSON');
  }
  if (Array.isArray(value)) {
    return rejectHttp(context, 400, JsonRpcErrorCode.invalidRequest, 'Invalid Request: JSON-RPC batches are not supported; send one message per request');
  }
  const kind = classifyMessage(value);
  if (kind === 'invalid') return rejectHttp(context, 400, JsonRpcErrorCode.invalidRequest, 'Invalid Request: the body is not a JSON-RPC 2.0 message');
  context.message = value as JsonRpcMessage;
  context.kind = kind;
  if (kind === 'request') context.channel = new ReplyChannel(exchange, {});
}

export const parse: Stage = {
  name: 'parse',
  run(context) {
    const { exchange } = context;
    if (exchange.method === 'POST') return parsePost(context);
    if (exchange.method === 'GET' && !accepts(exchange.header('accept') ?? '', 'text/event-stream')) {
      return rejectHttp(context, 406, JsonRpcErrorCode.invalidRequest, 'Not Acceptable: the GET stream needs Accept: text/event-stream');
    }
  },
};
