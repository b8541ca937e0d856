/**
 * governanceAttributes are the facts only a governing gateway knows, under the one project
 * prefix `portcullis.`: who asked, what the policy decided and by which rule, what the
 * guardrails did, which upstream served it, and under which config version. Spans and audit
 * records share these names, so one query works on both.
 */
import type { Attributes } from '@opentelemetry/api';
import type { GuardEffect } from '../guardrails/verdict.ts';
import type { RequestContext } from '../pipeline/request-context.ts';

/** effectSeverity orders guardrail effects, so a request's outcome is its most severe verdict. */
const effectSeverity: Readonly<Record<GuardEffect, number>> = { monitored: 1, warned: 2, 'failed-open': 3, redacted: 4, blocked: 5 };

/** guardrailOutcome is the most severe effect among a request's verdicts, or undefined when none was found. */
export function guardrailOutcome(effects: readonly GuardEffect[]): GuardEffect | undefined {
  let worst: GuardEffect | undefined;
  for (const effect of effects) if (worst === undefined || effectSeverity[effect] > effectSeverity[worst]) worst = effect;
  return worst;
}

export function governanceAttributes(context: RequestContext): Attributes {
  const { principal, decision, verdicts, target } = context;
  const attributes: Attributes = {
    'portcullis.config.version': context.runtime.version,
  };
  if (context.runtime.revision !== null) attributes['portcullis.config.revision'] = context.runtime.revision;
  if (principal) {
    attributes['portcullis.principal.id'] = principal.id;
    attributes['portcullis.principal.groups'] = [...principal.groups];
    attributes['portcullis.principal.auth_method'] = principal.method;
  }
  if (target) attributes['portcullis.server.id'] = target.serverId;
  if (decision) {
    attributes['portcullis.decision'] = decision.effect;
    attributes['portcullis.decision.reason'] = decision.reason;
    if (decision.ruleId !== null) attributes['portcullis.decision.rule_id'] = decision.ruleId;
  }
  if (verdicts.length > 0) {
    attributes['portcullis.guardrail.ids'] = verdicts.map((verdict) => verdict.guardrail);
    attributes['portcullis.guardrail.actions'] = verdicts.map((verdict) => verdict.action);
    attributes['portcullis.guardrail.effects'] = verdicts.map((verdict) => verdict.effect);
    attributes['portcullis.guardrail.outcome'] = guardrailOutcome(verdicts.map((verdict) => verdict.effect));
  }
  if (context.authenticationFailure !== undefined) attributes['portcullis.authentication.failure'] = context.authenticationFailure;
  return attributes;
}
