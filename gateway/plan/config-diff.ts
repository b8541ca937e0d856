/**
 * The changes of a plan that are not about one subject's access: servers added, removed or
 * re-pointed, the secret references each server uses (names only, never values), guardrails
 * added, removed or changed (monitor ↔ enforce above all), and tool-definition pins.
 */
import type { ToolsLockFile } from '../config/schema-types.generated.ts';
import { diffLocks, type LockChange } from '../pinning/lock-file.ts';
import type { GuardrailRuntime, Runtime, ServerRuntime, TransportRuntime } from '../runtime/runtime.ts';

export interface ServerChange {
  readonly server: string;
  readonly change: 'added' | 'removed' | 're-pointed';
  /** before and after say where the server is reached: its URL, or its command line. */
  readonly before?: string;
  readonly after?: string;
}

export interface CredentialChange {
  readonly server: string;
  /** added and removed are secret reference names, as written (`aws:prod/github#token`). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface GuardrailChange {
  readonly guardrail: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** before and after describe the rule: phase, detector, action and mode. */
  readonly before?: GuardrailSummary;
  readonly after?: GuardrailSummary;
  /** modeSwitch is set when the rule moved between monitor and enforce: the change reviewers most need to see. */
  readonly modeSwitch?: 'monitor-to-enforce' | 'enforce-to-monitor';
}

export interface GuardrailSummary {
  readonly phase: GuardrailRuntime['phase'];
  readonly detector: string;
  readonly action: GuardrailRuntime['action'];
  readonly mode: GuardrailRuntime['mode'];
}

/** endpointOf says where a server is reached, for a reviewer: the URL, or the command line of a stdio server. */
export function endpointOf(transport: TransportRuntime): string {
  return transport.type === 'stdio' ? [transport.command, ...transport.args].join(' ') : `${transport.type} ${transport.url}`;
}

function referenceNames(server: ServerRuntime): Set<string> {
  return new Set(server.secretReferences.map((reference) => reference.text));
}

export function serverChanges(base: Runtime, head: Runtime): ServerChange[] {
  const changes: ServerChange[] = [];
  for (const id of [...new Set([...base.servers.keys(), ...head.servers.keys()])].sort()) {
    const before = base.servers.get(id);
    const after = head.servers.get(id);
    if (!before) changes.push({ server: id, change: 'added', after: endpointOf(after!.transport) });
    else if (!after) changes.push({ server: id, change: 'removed', before: endpointOf(before.transport) });
    else if (endpointOf(before.transport) !== endpointOf(after.transport)) changes.push({ server: id, change: 're-pointed', before: endpointOf(before.transport), after: endpointOf(after.transport) });
  }
  return changes;
}

export function credentialChanges(base: Runtime, head: Runtime): CredentialChange[] {
  const changes: CredentialChange[] = [];
  for (const id of [...new Set([...base.servers.keys(), ...head.servers.keys()])].sort()) {
    const before = base.servers.has(id) ? referenceNames(base.servers.get(id)!) : new Set<string>();
    const after = head.servers.has(id) ? referenceNames(head.servers.get(id)!) : new Set<string>();
    const added = [...after].filter((name) => !before.has(name)).sort();
    const removed = [...before].filter((name) => !after.has(name)).sort();
    if (added.length > 0 || removed.length > 0) changes.push({ server: id, added, removed });
  }
  return changes;
}

function guardrailsById(runtime: Runtime): Map<string, GuardrailRuntime> {
  const { request, response, definition } = runtime.guardrails;
  return new Map([...request, ...response, ...definition].map((rule) => [rule.id, rule]));
}

function summary(rule: GuardrailRuntime): GuardrailSummary {
  return { phase: rule.phase, detector: rule.detector.type, action: rule.action, mode: rule.mode };
}

/** sameRule compares everything a rule does, detector settings and scope included (as their canonical JSON). */
function sameRule(a: GuardrailRuntime, b: GuardrailRuntime): boolean {
  const scope = (rule: GuardrailRuntime) => ({
    servers: rule.scope.servers ? [...rule.scope.servers].sort() : null,
    tools: rule.scope.tools?.globs ?? null,
    users: rule.scope.users ? [...rule.scope.users].sort() : null,
    groups: rule.scope.groups ? [...rule.scope.groups].sort() : null,
  });
  const shape = (rule: GuardrailRuntime) => JSON.stringify([summary(rule), rule.onError, rule.detector, scope(rule)]);
  return shape(a) === shape(b);
}

export function guardrailChanges(base: Runtime, head: Runtime): GuardrailChange[] {
  const before = guardrailsById(base);
  const after = guardrailsById(head);
  const changes: GuardrailChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a) changes.push({ guardrail: id, change: 'added', after: summary(b!) });
    else if (!b) changes.push({ guardrail: id, change: 'removed', before: summary(a) });
    else if (!sameRule(a, b)) {
      const modeSwitch = a.mode === b.mode ? undefined : a.mode === 'monitor' ? 'monitor-to-enforce' : 'enforce-to-monitor';
      changes.push({ guardrail: id, change: 'changed', before: summary(a), after: summary(b), ...(modeSwitch ? { modeSwitch } : {}) });
    }
  }
  return changes;
}

/** pinChanges lists the tool-definition pins the head's lock file changes, with the descriptions before and after. */
export function pinChanges(base: ToolsLockFile | undefined, head: ToolsLockFile | undefined): LockChange[] {
  return diffLocks(base, head ?? { version: 1, servers: {} });
}
