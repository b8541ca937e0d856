/**
 * AccessPlan is what a pull request changes, as a reviewer needs it: who gains or loses which
 * tool, prompt or resource, which servers and credentials change, which guardrails change, and
 * which tool definitions are pinned anew, plus the grants the config marks sensitive. Both
 * versions are compiled by the gateway's own compiler; nothing is inferred from the YAML text.
 */
import { compileNameMatcher } from '../matching/name-matcher.ts';
import type { LockChange } from '../pinning/lock-file.ts';
import type { ValidatedConfig } from '../config/validated-config.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { accessChanges, type AccessChange, type SubjectAccessChanges } from './access-diff.ts';
import type { Subject } from './access-subjects.ts';
import { credentialChanges, guardrailChanges, pinChanges, serverChanges, type CredentialChange, type GuardrailChange, type ServerChange } from './config-diff.ts';

/** PlanVersion says which config a side of the plan is. */
export interface PlanVersion {
  /** source is what the user passed: a folder or a git ref. */
  readonly source: string;
  /** version is the config's content hash, as the gateway reports it. */
  readonly version: string;
  readonly commit: string | undefined;
}

/** SensitiveGrant is a subject gaining a tool that `review.sensitive` marks. */
export interface SensitiveGrant {
  readonly subject: Subject;
  readonly server: string;
  readonly tool: string;
  readonly rules: readonly string[];
  /** why is the description of the sensitive entry, when it has one. */
  readonly why: string | undefined;
}

export interface AccessPlan {
  readonly base: PlanVersion;
  readonly head: PlanVersion;
  readonly access: readonly SubjectAccessChanges[];
  readonly sensitive: readonly SensitiveGrant[];
  readonly servers: readonly ServerChange[];
  readonly credentials: readonly CredentialChange[];
  readonly guardrails: readonly GuardrailChange[];
  readonly pins: readonly LockChange[];
}

/** PlanSide is one compiled version with what the plan needs of its validated form. */
export interface PlanSide {
  readonly source: string;
  readonly commit: string | undefined;
  readonly config: ValidatedConfig;
  readonly runtime: Runtime;
}

type SensitiveEntry = NonNullable<NonNullable<PlanSide['config']['root']['value']['review']>['sensitive']>[number];

/**
 * sensitiveEntries are the sensitive lists of both versions: a pull request cannot take a tool
 * off the list and grant it in the same change.
 */
function sensitiveEntries(base: PlanSide, head: PlanSide): SensitiveEntry[] {
  return [...(base.config.root.value.review?.sensitive ?? []), ...(head.config.root.value.review?.sensitive ?? [])];
}

/** sensitiveGlobsByServer gives the sensitive tool globs per server id (null: every server), to compare as names. */
function sensitiveGlobsByServer(entries: readonly SensitiveEntry[]): Map<string | null, string[]> {
  const globs = new Map<string | null, string[]>();
  for (const entry of entries) {
    for (const server of entry.servers.includes('*') ? [null] : entry.servers) globs.set(server, [...(globs.get(server) ?? []), ...entry.tools]);
  }
  return globs;
}

/** widens tells whether a change gives more than before: a new grant, or the end of an argument limit. */
function widens(change: AccessChange): boolean {
  return (change.before === 'none' && change.after !== 'none') || (change.before === 'conditional' && change.after === 'full');
}

function sensitiveGrants(entries: readonly SensitiveEntry[], access: readonly SubjectAccessChanges[]): SensitiveGrant[] {
  const compiled = entries.map((entry) => ({
    servers: entry.servers.includes('*') ? null : new Set(entry.servers),
    tools: compileNameMatcher(entry.tools),
    why: entry.description,
  }));
  if (compiled.length === 0) return [];
  const grants: SensitiveGrant[] = [];
  for (const { subject, changes } of access) {
    for (const change of changes) {
      if (change.kind !== 'tool' || !widens(change)) continue;
      // A glob name (a `*` grant, or a sensitive glob probed as a name) is matched as a name:
      // `*` and `create_*` both match the sensitive glob `create_*`.
      const entry = compiled.find((candidate) => (candidate.servers === null || candidate.servers.has(change.server)) && candidate.tools.test(change.name));
      if (entry) grants.push({ subject, server: change.server, tool: change.name, rules: change.rules, why: entry.why });
    }
  }
  return grants;
}

/** buildPlan compares two compiled versions of a config repository. */
export function buildPlan(base: PlanSide, head: PlanSide): AccessPlan {
  const sensitive = sensitiveEntries(base, head);
  const access = accessChanges(base.runtime, head.runtime, sensitiveGlobsByServer(sensitive));
  return {
    base: { source: base.source, version: base.runtime.version, commit: base.commit },
    head: { source: head.source, version: head.runtime.version, commit: head.commit },
    access,
    sensitive: sensitiveGrants(sensitive, access),
    servers: serverChanges(base.runtime, head.runtime),
    credentials: credentialChanges(base.runtime, head.runtime),
    guardrails: guardrailChanges(base.runtime, head.runtime),
    pins: pinChanges(base.config.lock?.value, head.config.lock?.value),
  };
}

/** isEmpty tells whether the plan changes nothing a reviewer would see. */
export function isEmpty(plan: AccessPlan): boolean {
  return plan.access.length === 0 && plan.servers.length === 0 && plan.credentials.length === 0 && plan.guardrails.length === 0 && plan.pins.length === 0;
}
