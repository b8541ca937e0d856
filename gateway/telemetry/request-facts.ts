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

function targetNames(method: string | undefined, params: Params | undefined): Pick<RequestFacts, 'toolName' | 'promptName' | 'resourceUri'> {
  switch (method) {
    case 'tools/call':
      return { toolName: stringParam(params, 'name'), promptName: undefined, resourceUri: undefined };
    case 'prompts/get':
      return { toolName: undefined, promptName: stringParam(params, 'name'), resourceUri: undefined };
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return { toolName: undefined, promptName: undefined, resourceUri: stringParam(params, 'uri') };
    case 'completion/complete': {
      const ref = params?.ref as Params | undefined;
      return { toolName: undefined, promptName: stringParam(ref, 'name'), resourceUri: stringParam(ref, 'uri') };
    }
    default:
      return { toolName: undefined, promptName: undefined, resourceUri: undefined };
  }
}

function outcomeOf(context: RequestContext): Pick<RequestFacts, 'errorType' | 'errorCode' | 'errorMessage'> {
  const { error, httpStatus } = context;
  if (error) return { errorType: String(error.code), errorCode: error.code, errorMessage: error.message };
  if (httpStatus !== undefined && httpStatus >= 400) return { errorType: String(httpStatus), errorCode: undefined, errorMessage: undefined };
  if (context.cancelled) return { errorType: 'cancelled', errorCode: undefined, errorMessage: undefined };
  if (context.result?.isError === true) return { errorType: 'tool_error', errorCode: undefined, errorMessage: undefined };
  return { errorType: undefined, errorCode: undefined, errorMessage: undefined };
}

export function requestFacts(context: RequestContext): RequestFacts {
  const message = context.message as Partial<JsonRpcRequest> | undefined;
  const method = typeof message?.method === 'string' ? message.method : undefined;
  const id = message?.id;
  return {
    method,
    requestId: id === undefined || id === null ? undefined : String(id),
    ...targetNames(method, message?.params),
    ...outcomeOf(context),
  };
}
