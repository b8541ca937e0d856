/**
 * GuardrailSet is a config version's guardrails ready to run: each rule with its detector
 * built. It is built once per GuardrailsRuntime (the reloader builds it when a config loads,
 * so a detector that cannot be built fails the load, not a request) and shared by every request.
 */
import type { GuardrailRuntime, GuardrailsRuntime, Runtime } from '../runtime/runtime.ts';
import { createDetector } from './create-detector.ts';
import type { GuardrailDetector } from './detector.ts';
import { inScope, type GuardSubject } from './scope.ts';

/** CompiledGuardrail is one rule and its detector. */
export interface CompiledGuardrail {
  readonly rule: GuardrailRuntime;
  readonly detector: GuardrailDetector;
}

/**
 * redactingGuardrail builds one enforced redact rule that covers everything, outside any config:
 * for the gateway's own uses of a detector (telemetry's `redacted` capture) and for benchmarks.
 * A detector that fails blocks, so its caller never gets an unexamined value back.
 */
export function redactingGuardrail(id: string, detector: GuardrailRuntime['detector'], file: string): CompiledGuardrail {
  const rule: GuardrailRuntime = {
    id,
    file,
    phase: 'response',
    action: 'redact',
    mode: 'enforce',
    onError: 'block',
    scope: { servers: null, tools: null, users: null, groups: null },
    detector,
  };
  return { rule, detector: createDetector(detector) };
}

const sets = new WeakMap<GuardrailsRuntime, GuardrailSet>();

export class GuardrailSet {
  /** for returns the GuardrailSet of a runtime's guardrails, building it on first use. */
  static for(runtime: Pick<Runtime, 'guardrails'>): GuardrailSet {
    let set = sets.get(runtime.guardrails);
    if (!set) sets.set(runtime.guardrails, (set = new GuardrailSet(runtime.guardrails)));
    return set;
  }

  readonly request: readonly CompiledGuardrail[];
  readonly response: readonly CompiledGuardrail[];
  readonly definition: readonly CompiledGuardrail[];

  private constructor(guardrails: GuardrailsRuntime) {
    const build = (rules: readonly GuardrailRuntime[]): CompiledGuardrail[] => rules.map((rule) => ({ rule, detector: createDetector(rule.detector) }));
    this.request = build(guardrails.request);
    this.response = build(guardrails.response);
    this.definition = build(guardrails.definition);
  }

  /** applicable lists the rules of `phase` whose scope covers `subject`, in run order. */
  applicable(phase: GuardrailRuntime['phase'], subject: GuardSubject): CompiledGuardrail[] {
    return this[phase].filter(({ rule }) => inScope(rule, subject));
  }
}
