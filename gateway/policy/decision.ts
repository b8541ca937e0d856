/**
 * Decision is what the policy engine answers for one call, prompt or resource: the effect, the
 * rule that decided it (for the audit record and `portcullis explain`), and why.
 */
import type { PolicyRuleRuntime } from '../runtime/runtime.ts';

/**
 * DecisionReason says why: granted by an allow rule, denied by a deny rule, no allow rule covers
 * it (default deny), or allow rules cover it but the call's arguments fail their constraints.
 */
export type DecisionReason = 'granted' | 'denied-by-rule' | 'no-grant' | 'argument-constraint';

export interface Decision {
  readonly effect: 'allow' | 'deny';
  /** ruleId names the deciding rule; null for a default deny. */
  readonly ruleId: string | null;
  /** file is the policy file of that rule, relative to the config repository. */
  readonly file: string | null;
  readonly reason: DecisionReason;
  /**
   * detail says which argument met or failed which constraint. It is for the audit record and
   * the operator's log, never for the client: a denied call must look like an unknown tool.
   */
  readonly detail?: string;
}

/** defaultDeny is the one shared decision for "no rule grants it". */
export const defaultDeny: Decision = Object.freeze({ effect: 'deny', ruleId: null, file: null, reason: 'no-grant' });

/** grantedBy is the decision of an allow rule that covers the request. */
export function grantedBy(rule: PolicyRuleRuntime): Decision {
  return Object.freeze({ effect: 'allow', ruleId: rule.id, file: rule.file, reason: 'granted' });
}

/** deniedBy is the decision of a deny rule that covers the request; detail names the arguments that made a conditional deny apply. */
export function deniedBy(rule: PolicyRuleRuntime, detail?: string): Decision {
  const decision: Decision = { effect: 'deny', ruleId: rule.id, file: rule.file, reason: 'denied-by-rule' };
  return Object.freeze(detail === undefined ? decision : { ...decision, detail });
}

/** refusedArguments is the decision when allow rules cover the tool but the first of them refuses the call's arguments. */
export function refusedArguments(rule: PolicyRuleRuntime, detail: string): Decision {
  return Object.freeze({ effect: 'deny', ruleId: rule.id, file: rule.file, reason: 'argument-constraint', detail });
}
