/**
 * dispatchRequest answers or forwards one client request by method. Methods about the
 * gateway itself (initialize, ping, lists, log level) are answered here from the merged view;
 * methods about one tool, prompt or resource are routed to the server that owns it.
 */
import { paginate } from '../aggregate/pagination.ts';
import { JsonRpcErrorCode, type JsonRpcRequest } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import { forward } from './forward.ts';
import { initialize } from './initialize.ts';
import { resolveNamed, resolveResource } from './routing.ts';
import { subscribe, unsubscribe } from './subscriptions.ts';

type Params = Record<string, unknown>;

function list(context: RequestContext, key: 'tools' | 'prompts' | 'resources' | 'resourceTemplates', params: Params | undefined): void {
  const view = context.services.view(context.runtime);
  const page = paginate(view[key], params?.cursor, context.services.pageSize);
  context.result = { [key]: page.items.map((item) => item.exposed), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

function withName(params: Params | undefined, name: string): Params {
  return { ...params, name };
}

async function complete(context: RequestContext, params: Params | undefined): Promise<void> {
  const ref = params?.ref as Params | undefined;
  const view = context.services.view(context.runtime);
  if (ref?.type === 'ref/prompt') {
    context.target = resolveNamed(context, view, 'prompts', ref.name);
    return forward(context, 'completion/complete', { ...params, ref: { ...ref, name: context.target.name } });
  }
  if (ref?.type === 'ref/resource') {
    context.target = resolveResource(context, view, ref.uri);
    return forward(context, 'completion/complete', params);
  }
  throw new RpcError(JsonRpcErrorCode.invalidParams, 'params.ref must be a ref/prompt or ref/resource');
}

export async function dispatchRequest(context: RequestContext): Promise<void> {
  const { method, params } = context.message as JsonRpcRequest;
  switch (method) {
    case 'initialize':
      return initialize(context, params);
    case 'ping':
      context.result = {};
      return;
    case 'tools/list':
      return list(context, 'tools', params);
    case 'prompts/list':
      return list(context, 'prompts', params);
    case 'resources/list':
      return list(context, 'resources', params);
    case 'resources/templates/list':
      return list(context, 'resourceTemplates', params);
    case 'tools/call': {
      context.target = resolveNamed(context, context.services.view(context.runtime), 'tools', params?.name);
      return forward(context, method, withName(params, context.target.name));
    }
    case 'prompts/get': {
      context.target = resolveNamed(context, context.services.view(context.runtime), 'prompts', params?.name);
      return forward(context, method, withName(params, context.target.name));
    }
    case 'resources/read':
      context.target = resolveResource(context, context.services.view(context.runtime), params?.uri);
      return forward(context, method, params);
    case 'resources/subscribe':
      return subscribe(context, params);
    case 'resources/unsubscribe':
      return unsubscribe(context, params);
    case 'completion/complete':
      return complete(context, params);
    case 'logging/setLevel': {
      const level = params?.level;
      if (typeof level !== 'string') throw new RpcError(JsonRpcErrorCode.invalidParams, 'params.level must be a log level');
      context.session!.logLevel = level;
      context.result = {};
      return;
    }
    default:
      throw new RpcError(JsonRpcErrorCode.methodNotFound, `Method not found: ${method}`);
  }
}
