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
import { accessChanges, type SubjectAccessChanges } from './access-diff.ts';
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

function sensitiveGrants(head: PlanSide, access: readonly SubjectAccessChanges[]): SensitiveGrant[] {
  const entries = (head.config.root.value.review?.sensitive ?? []).map((entry) => ({
    servers: entry.servers.includes('*') ? null : new Set(entry.servers),
    tools: compileNameMatcher(entry.tools),
    why: entry.description,
  }));
  if (entries.length === 0) return [];
  const grants: SensitiveGrant[] = [];
  for (const { subject, changes } of access) {
    for (const change of changes) {
      if (change.kind !== 'tool' || change.before !== 'none' || change.after === 'none') continue;
      const entry = entries.find((candidate) => (candidate.servers === null || candidate.servers.has(change.server)) && candidate.tools.test(change.name));
      if (entry) grants.push({ subject, server: change.server, tool: change.name, rules: change.rules, why: entry.why });
    }
  }
  return grants;
}

/** buildPlan compares two compiled versions of a config repository. */
export function buildPlan(base: PlanSide, head: PlanSide): AccessPlan {
  const access = accessChanges(base.runtime, head.runtime);
  return {
    base: { source: base.source, version: base.runtime.version, commit: base.commit },
    head: { source: head.source, version: head.runtime.version, commit: head.commit },
    access,
    sensitive: sensitiveGrants(head, access),
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
