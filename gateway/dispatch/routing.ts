/**
 * Routing a client-facing name or URI to the server that owns it. Names of ready servers come
 * from the merged catalog. A name that is not there but carries the prefix of a configured
 * server that is down gets "server unavailable", so the client learns why, instead of
 * "unknown tool".
 */
import { unavailableError } from '../upstream/unavailable-error.ts';
import { findResource, type CatalogView, type RoutedItem } from '../aggregate/catalog-view.ts';
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext, Target } from '../pipeline/request-context.ts';

function unavailable(context: RequestContext, serverId: string): RpcError {
  const connection = context.services.upstream(serverId);
  const reason = connection?.state === 'connecting' ? 'still connecting' : (connection?.lastError ?? 'not connected');
  return unavailableError(serverId, reason);
}

/** ownerOfMissingName finds the configured, not-ready server a name belongs to, if any. */
function ownerOfMissingName(context: RequestContext, name: string, kind: 'tools' | 'prompts'): string | undefined {
  const { routing, servers } = context.runtime;
  const separator = name.indexOf(routing.separator);
  if (separator > 0) {
    const serverId = routing.serverByPrefix.get(name.slice(0, separator));
    if (serverId && context.services.upstream(serverId)?.state !== 'ready') return serverId;
  }
  for (const serverId of routing.unprefixedServers) {
    const connection = context.services.upstream(serverId);
    if (!connection || connection.state === 'ready') continue;
    if (connection.catalog[kind].some((item) => item.name === name) && servers.get(serverId)![kind].test(name)) return serverId;
  }
  return undefined;
}

function toTarget(item: RoutedItem): Target {
  return { serverId: item.serverId, name: item.upstreamName };
}

/** resolveNamed routes a tool or prompt name, or throws the error the client should get. */
export function resolveNamed(context: RequestContext, view: CatalogView, kind: 'tools' | 'prompts', name: unknown): Target {
  const label = kind === 'tools' ? 'tool' : 'prompt';
  if (typeof name !== 'string') throw new RpcError(JsonRpcErrorCode.invalidParams, `params.name must be the ${label} name`);
  const item = (kind === 'tools' ? view.toolByName : view.promptByName).get(name);
  if (item) return toTarget(item);
  const downServer = ownerOfMissingName(context, name, kind);
  if (downServer) throw unavailable(context, downServer);
  throw new RpcError(JsonRpcErrorCode.invalidParams, `Unknown ${label}: ${name}`);
}

/** resolveResource routes a resource URI, or throws -32002 (resource not found). */
export function resolveResource(context: RequestContext, view: CatalogView, uri: unknown): Target {
  if (typeof uri !== 'string') throw new RpcError(JsonRpcErrorCode.invalidParams, 'params.uri must be the resource URI');
  const item = findResource(view, uri);
  if (!item) throw new RpcError(JsonRpcErrorCode.resourceNotFound, `Resource not found: ${uri}`, { uri });
  if (!context.runtime.servers.get(item.serverId)!.resources.test(uri)) throw new RpcError(JsonRpcErrorCode.resourceNotFound, `Resource not found: ${uri}`, { uri });
  return { serverId: item.serverId, name: uri };
}
