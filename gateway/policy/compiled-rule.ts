/**
 * CompiledRule is a policy rule ready for evaluation: its argument checks compiled and the
 * decision it gives when it applies unconditionally built once, so the common case allocates
 * nothing.
 */
import { createUserSchemaAjv } from '../config/checks/patterns.ts';
import type { PolicyRuntime, PolicyRuleRuntime } from '../runtime/runtime.ts';
import { compileArgumentCheck, type ArgumentCheck } from './argument-constraints.ts';
import { deniedBy, grantedBy, type Decision } from './decision.ts';

export interface CompiledRule {
  /** index is the rule's position in PolicyRuntime.rules; profiles are keyed by these. */
  readonly index: number;
  readonly rule: PolicyRuleRuntime;
  /** checks are the rule's argument constraints; empty when the rule is unconditional. */
  readonly checks: readonly ArgumentCheck[];
  /** decision is what the rule decides when it applies without argument conditions. */
  readonly decision: Decision;
  /** decisionWhenArgumentsMet is what it decides when a call meets its argument conditions; a deny's detail names those arguments. */
  readonly decisionWhenArgumentsMet: Decision;
}

/** compileRules compiles every rule of a policy; a JSON Schema that does not compile throws, naming the rule. */
export function compileRules(policy: PolicyRuntime): CompiledRule[] {
  // One Ajv for the whole policy, as the validator uses one: an $id clash was already reported there.
  const ajv = createUserSchemaAjv();
  return policy.rules.map((rule, index) => {
    let checks: ArgumentCheck[];
    try {
      checks = rule.arguments.map((constraint) => compileArgumentCheck(constraint, ajv));
    } catch (error) {
      throw new Error(`policy rule \`${rule.id}\` (${rule.file}): ${(error as Error).message}`, { cause: error });
    }
    const decision = rule.effect === 'allow' ? grantedBy(rule) : deniedBy(rule);
    const decisionWhenArgumentsMet = rule.effect === 'deny' && checks.length > 0 ? deniedBy(rule, describeMet(rule)) : decision;
    return { index, rule, checks, decision, decisionWhenArgumentsMet };
  });
}

function describeMet(rule: PolicyRuleRuntime): string {
  const names = rule.arguments.map((constraint) => `\`${constraint.argument}\``);
  return `${names.length === 1 ? 'argument' : 'arguments'} ${names.join(', ')} ${names.length === 1 ? 'meets' : 'meet'} the conditions of this deny rule`;
}
