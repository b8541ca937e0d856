/**
 * Routing a client-facing name or URI to the server that owns it. Names of ready servers come
 * from the merged catalog. A name that is not there but carries the prefix of a configured
 * server that is down is still located, marked unavailable: authorization decides on it first,
 * so a principal learns "server unavailable" only about what it may use, and "unknown" for
 * everything else.
 */
import { unavailableError } from '../upstream/unavailable-error.ts';
import { findResource, type CatalogView, type RoutedItem } from '../aggregate/catalog-view.ts';
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext, Target } from '../pipeline/request-context.ts';

export type NamedKind = 'tools' | 'prompts';

/**
 * notFoundError is the answer for a name that does not exist, and, word for word, for one the
 * principal may not use: the two must be indistinguishable, or denial becomes an oracle.
 */
export function notFoundError(kind: NamedKind | 'resources', name: string): RpcError {
  if (kind === 'resources') return new RpcError(JsonRpcErrorCode.resourceNotFound, `Resource not found: ${name}`, { uri: name });
  return new RpcError(JsonRpcErrorCode.invalidParams, `Unknown ${kind === 'tools' ? 'tool' : 'prompt'}: ${name}`);
}

function unavailable(context: RequestContext, serverId: string): RpcError {
  const connection = context.services.upstream(serverId);
  const reason = connection?.state === 'connecting' ? 'still connecting' : (connection?.lastError ?? 'not connected');
  return unavailableError(serverId, reason);
}

/** locateOnDownServer finds the configured, not-ready server a name belongs to, if any. */
function locateOnDownServer(context: RequestContext, name: string, kind: NamedKind): Target | undefined {
  const { routing, servers } = context.runtime;
  const separator = name.indexOf(routing.separator);
  if (separator > 0) {
    const serverId = routing.serverByPrefix.get(name.slice(0, separator));
    const upstreamName = name.slice(separator + routing.separator.length);
    if (serverId && context.services.upstream(serverId)?.state !== 'ready' && servers.get(serverId)![kind].test(upstreamName)) {
      return { serverId, name: upstreamName, unavailable: unavailable(context, serverId) };
    }
  }
  for (const serverId of routing.unprefixedServers) {
    const connection = context.services.upstream(serverId);
    if (!connection || connection.state === 'ready') continue;
    if (connection.catalog[kind].some((item) => item.name === name) && servers.get(serverId)![kind].test(name)) {
      return { serverId, name, unavailable: unavailable(context, serverId) };
    }
  }
  return undefined;
}

function toTarget(item: RoutedItem): Target {
  return { serverId: item.serverId, name: item.upstreamName, unavailable: undefined };
}

/** locateNamed routes a tool or prompt name, or throws the error the client should get. */
export function locateNamed(context: RequestContext, view: CatalogView, kind: NamedKind, name: unknown): Target {
  if (typeof name !== 'string') throw new RpcError(JsonRpcErrorCode.invalidParams, `params.name must be the ${kind === 'tools' ? 'tool' : 'prompt'} name`);
  const item = (kind === 'tools' ? view.toolByName : view.promptByName).get(name);
  if (item) return toTarget(item);
  const onDownServer = locateOnDownServer(context, name, kind);
  if (onDownServer) return onDownServer;
  throw notFoundError(kind, name);
}

/** locateResource routes a resource URI, or throws -32002 (resource not found). */
export function locateResource(context: RequestContext, view: CatalogView, uri: unknown): Target {
  if (typeof uri !== 'string') throw new RpcError(JsonRpcErrorCode.invalidParams, 'params.uri must be the resource URI');
  const item = findResource(view, uri);
  if (!item || !context.runtime.servers.get(item.serverId)!.resources.test(uri)) throw notFoundError('resources', uri);
  return { serverId: item.serverId, name: uri, unavailable: undefined };
}
