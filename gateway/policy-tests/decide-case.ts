/**
 * decideCase answers one policy test case the way the gateway would answer the request: the
 * server's own name filter, then the compiled policy (AccessPolicy, with argument constraints),
 * then the request-phase guardrails on the arguments and, when the case gives one, the
 * response-phase guardrails on the upstream's result. The same objects the pipeline's route,
 * authorize and guard stages use make each step, so a passing test says what the gateway does.
 */
import type { GuardrailSet } from '../guardrails/guardrail-set.ts';
import { guardValue } from '../guardrails/guard-value.ts';
import type { GuardVerdict } from '../guardrails/verdict.ts';
import type { AccessPolicy } from '../policy/access-policy.ts';
import type { Decision } from '../policy/decision.ts';
import { exposedBy, type NamedTarget } from '../policy/hypothetical-request.ts';
import type { Principal } from '../auth/principal.ts';
import type { Runtime } from '../runtime/runtime.ts';

export type CaseOutcomeKind = 'allow' | 'deny' | 'block' | 'redact';

/** CaseOutcome is what the gateway would do, and which rule made it so. */
export interface CaseOutcome {
  readonly outcome: CaseOutcomeKind;
  /** rule is the deciding policy rule or guardrail id; 'default' for a deny no rule made; undefined when the server's filter hides the name. */
  readonly rule: string | undefined;
  /** file is the deciding rule's file, when there is one. */
  readonly file: string | undefined;
  /** detail is the policy's explanation (which argument met or failed which constraint), or why the name is hidden. */
  readonly detail: string | undefined;
  /** verdicts are every guardrail verdict on the way, monitor-mode ones included. */
  readonly verdicts: readonly GuardVerdict[];
}

/** DecideInputs are a case resolved against one compiled config. */
export interface DecideInputs {
  readonly runtime: Runtime;
  readonly policy: AccessPolicy;
  readonly guardrails: GuardrailSet;
  readonly principal: Principal;
  readonly target: NamedTarget;
  readonly arguments: Record<string, unknown> | undefined;
  readonly result: string | Record<string, unknown> | undefined;
}

/** resultValue turns a case's result into the shape the upstream would answer the method with. */
function resultValue(target: NamedTarget, result: string | Record<string, unknown>): Record<string, unknown> {
  if (typeof result !== 'string') return result;
  switch (target.kind) {
    case 'tool':
      return { content: [{ type: 'text', text: result }] };
    case 'prompt':
      return { messages: [{ role: 'assistant', content: { type: 'text', text: result } }] };
    case 'resource':
      return { contents: [{ uri: target.name, text: result }] };
  }
}

function decisionOutcome(decision: Decision, verdicts: readonly GuardVerdict[]): CaseOutcome {
  return {
    outcome: decision.effect,
    rule: decision.ruleId ?? (decision.effect === 'deny' ? 'default' : undefined),
    file: decision.file ?? undefined,
    detail: decision.detail,
    verdicts,
  };
}

function guardrailFile(runtime: Runtime, id: string): string | undefined {
  const { request, response, definition } = runtime.guardrails;
  return [...request, ...response, ...definition].find((rule) => rule.id === id)?.file;
}

/** decideCase returns the outcome the gateway would give the case's request. */
export function decideCase(inputs: DecideInputs): CaseOutcome {
  const { runtime, target, principal } = inputs;
  if (!exposedBy(runtime, target)) {
    return { outcome: 'deny', rule: undefined, file: undefined, detail: `the ${target.kind}s filter of server ${target.serverId} hides it, so the gateway never exposes it`, verdicts: [] };
  }
  const profile = inputs.policy.profile(principal);
  const decision =
    target.kind === 'tool'
      ? profile.decideTool(target.serverId, target.name, inputs.arguments)
      : target.kind === 'prompt'
        ? profile.decidePrompt(target.serverId, target.name)
        : profile.decideResource(target.serverId, target.name);
  if (decision.effect === 'deny') return decisionOutcome(decision, []);

  const subject = { serverId: target.serverId, tool: target.kind === 'tool' ? target.name : undefined, principal };
  const verdicts: GuardVerdict[] = [];
  const phases: ['request' | 'response', unknown][] = [];
  // Resources have no arguments the gateway inspects: resources/read is guarded on its result only.
  if (target.kind !== 'resource') phases.push(['request', inputs.arguments ?? {}]);
  if (inputs.result !== undefined) phases.push(['response', resultValue(target, inputs.result)]);
  let redactedBy: GuardVerdict | undefined;
  for (const [phase, value] of phases) {
    const rules = inputs.guardrails.applicable(phase, subject);
    if (rules.length === 0) continue;
    const outcome = guardValue(rules, value);
    verdicts.push(...outcome.verdicts);
    if (outcome.blockedBy !== undefined) {
      return { outcome: 'block', rule: outcome.blockedBy, file: guardrailFile(runtime, outcome.blockedBy), detail: undefined, verdicts };
    }
    redactedBy ??= outcome.verdicts.find((verdict) => verdict.effect === 'redacted');
  }
  if (redactedBy) return { outcome: 'redact', rule: redactedBy.guardrail, file: guardrailFile(runtime, redactedBy.guardrail), detail: undefined, verdicts };
  return decisionOutcome(decision, verdicts);
}
