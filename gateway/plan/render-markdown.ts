/**
 * renderPlanMarkdown writes an access plan for a pull request comment or GitHub's step
 * summary: a reviewer reads who gains and loses what without opening the YAML. Everything a
 * client or a model could have chosen is in code spans; secret values never reach a plan
 * (credentials are compared by reference name only).
 */
import type { AccessChange } from './access-diff.ts';
import { describeSubject } from './access-subjects.ts';
import { isEmpty, type AccessPlan, type PlanVersion, type SensitiveGrant } from './access-plan.ts';
import type { GuardrailChange, GuardrailSummary } from './config-diff.ts';
import type { LockChange } from '../pinning/lock-file.ts';

/**
 * code puts text in a Markdown code span, whatever backticks it holds. Line breaks and other
 * control characters become spaces: tool names come from upstream servers (through the lock
 * file), and a newline would end the span and let the name write its own Markdown.
 */
function code(raw: string): string {
  const text = raw.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function version(side: PlanVersion): string {
  const commit = side.commit ? `commit ${code(side.commit.slice(0, 12))}, ` : '';
  return `${code(side.source)} (${commit}config ${code(side.version.slice(0, 12))})`;
}

function what(change: Pick<AccessChange, 'kind' | 'server' | 'name' | 'pattern'>): string {
  const kind = change.kind === 'tool' ? 'tool' : change.kind === 'prompt' ? 'prompt' : 'resource';
  return change.pattern ? `${kind}s matching ${code(change.name)} on ${code(change.server)}` : `${kind} ${code(change.name)} on ${code(change.server)}`;
}

/** sentence is one change to one subject: "gains tool `x` on `s`, limited by arguments". */
function sentence(change: AccessChange): string {
  if (change.before === 'none') return `gains ${what(change)}${change.after === 'conditional' ? ', limited by arguments' : ''}`;
  if (change.after === 'none') return `loses ${what(change)}`;
  return change.after === 'conditional' ? `keeps ${what(change)}, now limited by arguments` : `keeps ${what(change)}, no longer limited by arguments`;
}

function rules(ids: readonly string[]): string {
  return ids.length === 0 ? '' : ` (${ids.length === 1 ? 'rule' : 'rules'} ${ids.map(code).join(', ')})`;
}

function isSensitive(sensitive: readonly SensitiveGrant[], subjectName: string, change: AccessChange): SensitiveGrant | undefined {
  return sensitive.find((grant) => describeSubject(grant.subject) === subjectName && grant.server === change.server && grant.tool === change.name);
}

function accessSection(plan: AccessPlan): string[] {
  if (plan.access.length === 0) return ['### Access', '', 'Nobody gains or loses access.', ''];
  const lines = ['### Access', ''];
  for (const { subject, changes } of plan.access) {
    const name = describeSubject(subject);
    lines.push(`**${name}**`, '');
    for (const change of changes) {
      const flagged = isSensitive(plan.sensitive, name, change);
      const warning = flagged ? ` — ⚠️ **sensitive**${flagged.why ? `: ${flagged.why}` : ''}` : '';
      lines.push(`- ${sentence(change)}${rules(change.rules)}${warning}`);
    }
    lines.push('');
  }
  return lines;
}

function sensitiveSection(plan: AccessPlan): string[] {
  if (plan.sensitive.length === 0) return [];
  return [
    `> [!WARNING]`,
    `> ${plan.sensitive.length} sensitive ${plan.sensitive.length === 1 ? 'grant needs' : 'grants need'} an extra approval (\`review.sensitive\`):`,
    ...plan.sensitive.map((grant) => `> - ${describeSubject(grant.subject)} gains tool ${code(grant.tool)} on ${code(grant.server)}`),
    '',
  ];
}

function serversSection(plan: AccessPlan): string[] {
  if (plan.servers.length === 0 && plan.credentials.length === 0) return [];
  const lines = ['### Servers and credentials', ''];
  for (const change of plan.servers) {
    if (change.change === 'added') lines.push(`- server ${code(change.server)} added: ${code(change.after!)}`);
    else if (change.change === 'removed') lines.push(`- server ${code(change.server)} removed (was ${code(change.before!)})`);
    else lines.push(`- server ${code(change.server)} re-pointed: ${code(change.before!)} → ${code(change.after!)}`);
  }
  for (const change of plan.credentials) {
    const parts = [...change.added.map((name) => `now uses ${code(name)}`), ...change.removed.map((name) => `no longer uses ${code(name)}`)];
    lines.push(`- server ${code(change.server)} credentials: ${parts.join('; ')}`);
  }
  lines.push('');
  return lines;
}

function guardrailText(rule: GuardrailSummary): string {
  return `${rule.phase} ${rule.detector} → ${rule.action}, ${rule.mode}`;
}

function guardrailLine(change: GuardrailChange): string {
  const id = code(change.guardrail);
  switch (change.change) {
    case 'added':
      return `- ${id} added: ${guardrailText(change.after!)}`;
    case 'removed':
      return `- ${id} removed (was ${guardrailText(change.before!)})`;
    case 'changed':
      if (change.modeSwitch === 'monitor-to-enforce') return `- ${id} now **enforces** (was monitor): ${guardrailText(change.after!)}`;
      if (change.modeSwitch === 'enforce-to-monitor') return `- ${id} now only **monitors** (was enforce): ${guardrailText(change.after!)}`;
      return `- ${id} changed: ${guardrailText(change.before!)} → ${guardrailText(change.after!)}`;
  }
}

function guardrailsSection(plan: AccessPlan): string[] {
  if (plan.guardrails.length === 0) return [];
  return ['### Guardrails', '', ...plan.guardrails.map(guardrailLine), ''];
}

function descriptionDiff(change: LockChange): string[] {
  const before = change.before?.split('\n') ?? [];
  const after = change.after?.split('\n') ?? [];
  if (change.change === 'changed' && change.before === change.after) return ['  (description unchanged: the input schema or name changed)'];
  // Lines the two share at the start and the end are context; what lies between was replaced.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  // The fence is longer than any backtick run in the descriptions (upstream text), so none closes it.
  const longestRun = Math.max(0, ...[...before, ...after].flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [
    '',
    `  ${fence}diff`,
    ...before.slice(0, head).map((line) => `    ${line}`),
    ...before.slice(head, before.length - tail).map((line) => `  - ${line}`),
    ...after.slice(head, after.length - tail).map((line) => `  + ${line}`),
    ...after.slice(after.length - tail).map((line) => `    ${line}`),
    `  ${fence}`,
  ];
}

function pinsSection(plan: AccessPlan): string[] {
  if (plan.pins.length === 0) return [];
  const lines = ['### Tool definitions pinned (`tools.lock.yaml`)', ''];
  for (const change of plan.pins) {
    lines.push(`- ${code(`${change.server}/${change.tool}`)} ${change.change === 'added' ? 'pinned' : change.change === 'removed' ? 'unpinned' : 'pin changed'}`);
    lines.push(...descriptionDiff(change));
  }
  lines.push('');
  return lines;
}

export function renderPlanMarkdown(plan: AccessPlan): string {
  const lines = ['## Portcullis access plan', '', `Base ${version(plan.base)} → head ${version(plan.head)}.`, ''];
  if (isEmpty(plan)) {
    lines.push('No change in access, servers, credentials, guardrails or tool pins.', '');
    return lines.join('\n');
  }
  lines.push(...sensitiveSection(plan), ...accessSection(plan), ...serversSection(plan), ...guardrailsSection(plan), ...pinsSection(plan));
  return lines.join('\n').replace(/\n+$/, '\n');
}
