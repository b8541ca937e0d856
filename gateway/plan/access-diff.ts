/**
 * accessChanges compares what each subject may use in two compiled versions of a config, with
 * the decision code the gateway uses (AccessPolicy, the servers' name filters). Which names to
 * compare: for tools, every tool either version's lock file pins and every name or glob a rule
 * mentions; for prompts and resources, which no lock lists, the names and globs rules mention.
 * A glob stands for itself ("tools matching search_*"), decided as a name.
 */
import type { NamedTarget, TargetKind } from '../policy/hypothetical-request.ts';
import { exposedBy } from '../policy/hypothetical-request.ts';
import { AccessPolicy, type AccessProfile } from '../policy/access-policy.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { principalOf, subjectKey, subjectsOf, type Subject } from './access-subjects.ts';

export type AccessLevel = 'none' | 'conditional' | 'full';

/** AccessChange is one name whose access changed for one subject. */
export interface AccessChange {
  readonly kind: TargetKind;
  readonly server: string;
  /** name is the server's own tool or prompt name, a resource URI, or a glob (see `pattern`). */
  readonly name: string;
  /** pattern is true when `name` is a glob from a rule rather than one name. */
  readonly pattern: boolean;
  readonly before: AccessLevel;
  readonly after: AccessLevel;
  /** rules are the ids of the rules behind the new level (or behind the old one, for a loss). */
  readonly rules: readonly string[];
}

export interface SubjectAccessChanges {
  readonly subject: Subject;
  readonly changes: readonly AccessChange[];
}

const isGlob = (name: string): boolean => /[*?[\]{}!]/.test(name);

/**
 * namesToCompare lists, per server and kind, the names either version has reason to mention:
 * pinned tools, names and globs in rules, the globs of the servers' own name filters (a filter
 * that stops hiding `admin_*` changes access), and `extraToolGlobs` per server (the sensitive
 * lists, so a `*` grant is seen to cover `create_*`). Rule globs over tools are left out only
 * where pinning is enforced and a lock lists the server's tools: nothing unpinned is served
 * there, and the pinned names tell the story.
 */
function namesToCompare(versions: readonly Runtime[], extraToolGlobs: ReadonlyMap<string | null, readonly string[]>): Map<string, Map<TargetKind, Set<string>>> {
  const names = new Map<string, Map<TargetKind, Set<string>>>();
  const add = (server: string, kind: TargetKind, name: string): void => {
    let byKind = names.get(server);
    if (!byKind) names.set(server, (byKind = new Map()));
    let set = byKind.get(kind);
    if (!set) byKind.set(kind, (set = new Set()));
    set.add(name);
  };
  const enforcedPins = (runtime: Runtime): string[] =>
    runtime.pinning.mode === 'enforce' ? [...(runtime.pinning.pins ?? new Map()).entries()].filter(([, pins]) => pins.size > 0).map(([server]) => server) : [];
  const pinned = versions.map((runtime) => new Set(enforcedPins(runtime)));
  const pinnedInEvery = (server: string): boolean => pinned.every((set) => set.has(server));
  for (const runtime of versions) {
    for (const [id, server] of runtime.servers) {
      for (const [kind, filter] of [['tool', server.tools], ['prompt', server.prompts], ['resource', server.resources]] as const) {
        for (const glob of [...filter.allow.globs, ...filter.deny.globs]) if (glob !== '*') add(id, kind, glob);
      }
      for (const glob of [...(extraToolGlobs.get(null) ?? []), ...(extraToolGlobs.get(id) ?? [])]) add(id, 'tool', glob);
    }
    for (const [server, pins] of runtime.pinning.pins ?? []) for (const tool of pins.keys()) add(server, 'tool', tool);
    for (const rule of runtime.policy.rules) {
      const servers = rule.servers === null ? [...runtime.servers.keys()] : [...rule.servers];
      for (const server of servers) {
        for (const glob of rule.tools.globs) if (!isGlob(glob) || !pinnedInEvery(server)) add(server, 'tool', glob);
        for (const glob of rule.prompts.globs) add(server, 'prompt', glob);
        for (const glob of rule.resources.globs) add(server, 'resource', glob);
      }
    }
  }
  return names;
}

interface Access {
  readonly level: AccessLevel;
  readonly rules: readonly string[];
}

const noAccess: Access = { level: 'none', rules: [] };

/**
 * profileOf is one subject's access profile in one version, built once per subject: a new
 * principal object per name would miss the policy's per-principal cache and rebuild it each time.
 */
function profileOf(runtime: Runtime, subject: Subject): AccessProfile | undefined {
  const principal = principalOf(runtime, subject);
  return principal ? AccessPolicy.for(runtime).profile(principal) : undefined;
}

function accessIn(runtime: Runtime, profile: AccessProfile | undefined, target: NamedTarget): Access {
  if (!profile || !runtime.servers.has(target.serverId) || !exposedBy(runtime, target)) return noAccess;
  if (target.kind === 'tool') return profile.toolAccess(target.serverId, target.name);
  const decision = target.kind === 'prompt' ? profile.decidePrompt(target.serverId, target.name) : profile.decideResource(target.serverId, target.name);
  return decision.effect === 'allow' ? { level: 'full', rules: decision.ruleId === null ? [] : [decision.ruleId] } : noAccess;
}

/** accessChanges lists, per subject with any change, what it gains, loses or keeps under other conditions. */
export function accessChanges(base: Runtime, head: Runtime, extraToolGlobs: ReadonlyMap<string | null, readonly string[]> = new Map()): SubjectAccessChanges[] {
  const subjects = new Map<string, Subject>();
  for (const subject of [...subjectsOf(base), ...subjectsOf(head)]) subjects.set(subjectKey(subject), subject);
  const names = namesToCompare([base, head], extraToolGlobs);
  const servers = [...names.keys()].sort();
  const result: SubjectAccessChanges[] = [];
  for (const key of [...subjects.keys()].sort()) {
    const subject = subjects.get(key)!;
    const baseProfile = profileOf(base, subject);
    const headProfile = profileOf(head, subject);
    const changes: AccessChange[] = [];
    for (const server of servers) {
      for (const kind of ['tool', 'prompt', 'resource'] as const) {
        for (const name of [...(names.get(server)?.get(kind) ?? [])].sort()) {
          const target: NamedTarget = { kind, serverId: server, name };
          const before = accessIn(base, baseProfile, target);
          const after = accessIn(head, headProfile, target);
          if (before.level === after.level) continue;
          changes.push({ kind, server, name, pattern: isGlob(name), before: before.level, after: after.level, rules: after.level === 'none' ? before.rules : after.rules });
        }
      }
    }
    if (changes.length > 0) result.push({ subject, changes });
  }
  return result;
}
