/**
 * requestFacts reads, once per request, what spans, metrics and audit records all say about it:
 * the MCP method, its target in the client's own words, and how it ended. Names follow the MCP
 * semantic conventions (see ../../../shared/notes/otel-mcp-semconv.md via docs/audit.md).
 */
import type { JsonRpcRequest } from '../jsonrpc/message.ts';
import type { RequestContext } from '../pipeline/request-context.ts';

type Params = Record<string, unknown>;

export interface RequestFacts {
  /** method is `mcp.method.name`; undefined when the body was not a JSON-RPC message. */
  readonly method: string | undefined;
  readonly requestId: string | undefined;
  readonly toolName: string | undefined;
  readonly promptName: string | undefined;
  readonly resourceUri: string | undefined;
  /** errorType is `error.type`: the JSON-RPC error code, `tool_error`, the HTTP status of a refusal, or `cancelled`. */
  readonly errorType: string | undefined;
  /** errorCode is the JSON-RPC error code (`rpc.response.status_code`). */
  readonly errorCode: number | undefined;
  readonly errorMessage: string | undefined;
}

function stringParam(params: Params | undefined, key: string): string | undefined {
  const value = params?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** uriMethods are the methods whose target is a resource URI. */
const uriMethods: ReadonlySet<string | undefined> = new Set(['resources/read', 'resources/subscribe', 'resources/unsubscribe']);

/** errorTypeOf is the request's `error.type`: see RequestFacts. */
function errorTypeOf(context: RequestContext): string | undefined {
  const { error, httpStatus } = context;
  if (error) return String(error.code);
  if (httpStatus !== undefined && httpStatus >= 400) return String(httpStatus);
  if (context.cancelled) return 'cancelled';
  if (context.result?.isError === true) return 'tool_error';
  return undefined;
}

export function requestFacts(context: RequestContext): RequestFacts {
  const message = context.message as Partial<JsonRpcRequest> | undefined;
  const method = typeof message?.method === 'string' ? message.method : undefined;
  const params = message?.params;
  const id = message?.id;
  // completion/complete names a prompt or a resource template in its ref.
  const ref = method === 'completion/complete' ? (params?.ref as Params | undefined) : undefined;
  // One literal, so every request's facts have the same shape.
  return {
    method,
    requestId: id === undefined || id === null ? undefined : String(id),
    toolName: method === 'tools/call' ? stringParam(params, 'name') : undefined,
    promptName: method === 'prompts/get' ? stringParam(params, 'name') : stringParam(ref, 'name'),
    resourceUri: uriMethods.has(method) ? stringParam(params, 'uri') : stringParam(ref, 'uri'),
    errorType: errorTypeOf(context),
    errorCode: context.error?.code,
    errorMessage: context.error?.message,
  };
}
