/**
 * dispatchRequest answers or forwards one client request by method. Methods about the
 * gateway itself (initialize, ping, lists, log level) are answered here from the merged view;
 * methods about one tool, prompt or resource go to the target the route stage found and the
 * authorize stage allowed.
 */
import { paginate } from '../aggregate/pagination.ts';
import { principalCatalog, type CatalogKind } from '../aggregate/principal-catalog.ts';
import { JsonRpcErrorCode, type JsonRpcRequest } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import { forward } from './forward.ts';
import { initialize } from './initialize.ts';
import { subscribe, unsubscribe } from './subscriptions.ts';

type Params = Record<string, unknown>;

async function list(context: RequestContext, key: CatalogKind, params: Params | undefined): Promise<void> {
  await context.services.prepareCatalogs(context.principal!);
  const catalog = principalCatalog(context.services.view(context.runtime), context.access!);
  const page = paginate(catalog[key], params?.cursor, context.services.pageSize);
  context.result = { [key]: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

function withName(params: Params | undefined, name: string): Params {
  return { ...params, name };
}

function complete(context: RequestContext, params: Params | undefined): Promise<void> {
  const ref = params!.ref as Params;
  if (ref.type === 'ref/prompt') return forward(context, 'completion/complete', { ...params, ref: { ...ref, name: context.target!.name } });
  return forward(context, 'completion/complete', params);
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
    case 'tools/call':
    case 'prompts/get':
      return forward(context, method, withName(params, context.target!.name));
    case 'resources/read':
      return forward(context, method, params);
    case 'resources/subscribe':
      return subscribe(context);
    case 'resources/unsubscribe':
      return unsubscribe(context);
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
