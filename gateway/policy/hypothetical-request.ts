/**
 * A request that nobody sent: a principal and a tool, prompt or resource named as a person
 * writes them, resolved the way the gateway resolves a real request. `portcullis explain` and
 * the policy tests (gateway/policy-tests/) ask the compiled policy about such requests, so both
 * must build them exactly alike.
 */
import type { Principal } from '../auth/principal.ts';
import type { Runtime } from '../runtime/runtime.ts';

export type TargetKind = 'tool' | 'prompt' | 'resource';

/** NamedTarget is what a hypothetical request addresses, resolved to its server. */
export interface NamedTarget {
  readonly kind: TargetKind;
  readonly serverId: string;
  /** name is the server's own tool or prompt name, or the resource URI. */
  readonly name: string;
}

/** UnresolvedTarget says why a name could not be tied to one server, in words a config author can act on. */
export class UnresolvedTarget extends Error {}

/**
 * hypotheticalPrincipal is the principal a verified token with this subject, these groups and
 * these claims would give: static group members from the config are added, and it counts as
 * authenticated (users: ['*'] grants to it, as it would not to anonymous access).
 */
export function hypotheticalPrincipal(runtime: Runtime, id: string, groups: readonly string[], claims: Readonly<Record<string, unknown>> = {}): Principal {
  const members = [...runtime.groups.values()].filter((group) => group.members.has(id)).map((group) => group.name);
  return Object.freeze({
    id,
    groups: [...new Set([...groups, ...members])].sort(),
    method: 'jwt' as const,
    key: `hypothetical:${id}`,
    credentialId: 'portcullis-hypothetical',
    attributes: new Map(),
    claims,
    scopes: [],
    expiresAt: null,
  });
}

/** undeclaredGroups lists the groups no `groups:` entry of the root file declares, so no rule can name them. */
export function undeclaredGroups(runtime: Runtime, groups: readonly string[]): string[] {
  return groups.filter((group) => !runtime.groups.has(group));
}

function nameFilter(runtime: Runtime, kind: TargetKind, serverId: string) {
  const server = runtime.servers.get(serverId)!;
  return kind === 'tool' ? server.tools : kind === 'prompt' ? server.prompts : server.resources;
}

/**
 * resolveTarget ties a tool or prompt named as clients see it (with its server's prefix), or a
 * server's own name with `serverId`, or a resource URI, to one server, as the route stage does.
 * It throws UnresolvedTarget when no server, or more than one, could be meant; its message ends
 * with `nameServer`, which says how the caller's user names a server (`pass --server ID`).
 */
export function resolveTarget(runtime: Runtime, kind: TargetKind, name: string, serverId: string | undefined, nameServer: string): NamedTarget {
  if (serverId !== undefined) {
    if (!runtime.servers.has(serverId)) throw new UnresolvedTarget(`unknown server \`${serverId}\` (servers: ${[...runtime.servers.keys()].join(', ') || 'none'})`);
    return { kind, serverId, name };
  }
  if (kind === 'resource') {
    const candidates = [...runtime.servers.keys()].filter((id) => nameFilter(runtime, kind, id).test(name));
    if (candidates.length === 1) return { kind, serverId: candidates[0]!, name };
    throw new UnresolvedTarget(
      candidates.length === 0 ? `no server exposes resource \`${name}\`; ${nameServer}` : `resource \`${name}\` could come from ${candidates.join(', ')}; ${nameServer}`,
    );
  }
  const { separator, serverByPrefix, unprefixedServers } = runtime.routing;
  for (let at = name.indexOf(separator); at > 0; at = name.indexOf(separator, at + 1)) {
    const prefixed = serverByPrefix.get(name.slice(0, at));
    if (prefixed !== undefined) return { kind, serverId: prefixed, name: name.slice(at + separator.length) };
  }
  const admitting = unprefixedServers.filter((id) => nameFilter(runtime, kind, id).test(name));
  const candidates = unprefixedServers.length === 1 ? unprefixedServers : admitting;
  if (candidates.length === 1) return { kind, serverId: candidates[0]!, name };
  if (candidates.length > 1) throw new UnresolvedTarget(`${kind} \`${name}\` could come from unprefixed servers ${candidates.join(', ')}; ${nameServer}`);
  const prefixes = [...serverByPrefix.keys()].map((prefix) => `${prefix}${separator}`);
  throw new UnresolvedTarget(`no server exposes ${kind} \`${name}\`: name it as clients see it (${prefixes.join(', ') || 'no prefixes'}…), or ${nameServer} with the server's own name`);
}

/** exposedBy says whether the server's own tools/prompts/resources filter lets the gateway expose the name at all. */
export function exposedBy(runtime: Runtime, target: NamedTarget): boolean {
  return nameFilter(runtime, target.kind, target.serverId).test(target.name);
}
