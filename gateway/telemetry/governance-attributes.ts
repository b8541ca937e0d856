/**
 * The governance facts are what only a governing gateway knows, under the one project prefix
 * `portcullis.`: who asked (`portcullis.principal.*`), what the policy decided and by which rule
 * (`portcullis.decision*`), what the guardrails did (`portcullis.guardrail.*`), which upstream
 * served it (`portcullis.server.id`), and under which config (`portcullis.config.*`). Spans and
 * audit records share these names, so one query works on both; request-attributes.ts sets
 * them together with the semantic conventions' own.
 */
import type { GuardEffect } from '../guardrails/verdict.ts';

/** effectSeverity orders guardrail effects, so a request's outcome is its most severe verdict. */
const effectSeverity: Readonly<Record<GuardEffect, number>> = { monitored: 1, warned: 2, 'failed-open': 3, redacted: 4, blocked: 5 };

/** guardrailOutcome is the most severe effect among a request's verdicts, or undefined when none was found. */
export function guardrailOutcome(effects: readonly GuardEffect[]): GuardEffect | undefined {
  let worst: GuardEffect | undefined;
  for (const effect of effects) if (worst === undefined || effectSeverity[effect] > effectSeverity[worst]) worst = effect;
  return worst;
}
