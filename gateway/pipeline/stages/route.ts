/**
 * route finds which server and which of its tools, prompts or resources a request addresses,
 * before authorization: the policy decides on the server's own names, and the decision must
 * not depend on whether that server happens to be up.
 */
import type { JsonRpcRequest } from '../../jsonrpc/message.ts';
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { RpcError } from '../../jsonrpc/rpc-error.ts';
import { locateNamed, locateResource } from '../../dispatch/routing.ts';
import type { RequestContext, Target } from '../request-context.ts';
import type { Stage } from '../stage.ts';

type Params = Record<string, unknown>;

function locateCompletionRef(context: RequestContext, params: Params | undefined): Target {
  const ref = params?.ref as Params | undefined;
  const view = context.services.view(context.runtime);
  if (ref?.type === 'ref/prompt') return locateNamed(context, view, 'prompts', ref.name);
  if (ref?.type === 'ref/resource') return locateResource(context, view, ref.uri);
  throw new RpcError(JsonRpcErrorCode.invalidParams, 'params.ref must be a ref/prompt or ref/resource');
}

/** locate returns the target of a request about one tool, prompt or resource; undefined for any other method. */
function locate(context: RequestContext, { method, params }: JsonRpcRequest): Target | undefined {
  switch (method) {
    case 'tools/call':
      return locateNamed(context, context.services.view(context.runtime), 'tools', params?.name);
    case 'prompts/get':
      return locateNamed(context, context.services.view(context.runtime), 'prompts', params?.name);
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return locateResource(context, context.services.view(context.runtime), params?.uri);
    case 'completion/complete':
      return locateCompletionRef(context, params);
    default:
      return undefined;
  }
}

export const route: Stage = {
  name: 'route',
  run(context) {
    if (context.kind !== 'request' || context.exchange.method !== 'POST') return;
    context.target = locate(context, context.message as JsonRpcRequest);
  },
};
