/**
 * Compiling guardrail rules into per-phase lists with compiled scopes. Detectors themselves are
 * built from the validated settings by the guardrail stage.
 */
import type { GuardrailFile, GuardrailRule } from '../config/schema-types.generated.ts';
import type { Located } from '../config/validated-config.ts';
import { compileNameMatcher } from '../matching/name-matcher.ts';
import { defaults } from './defaults.ts';
import type { GuardrailRuntime, GuardrailsRuntime } from './runtime.ts';

/** compileGuardrails groups every guardrail by phase, in file and declaration order. */
export function compileGuardrails(files: readonly Located<GuardrailFile>[]): GuardrailsRuntime {
  const all = files.flatMap(({ value, source }) => value.guardrails.map((rule) => compileGuardrail(rule, source.relativePath)));
  return {
    request: all.filter((rule) => rule.phase === 'request'),
    response: all.filter((rule) => rule.phase === 'response'),
    definition: all.filter((rule) => rule.phase === 'definition'),
  };
}

function compileGuardrail(rule: GuardrailRule, file: string): GuardrailRuntime {
  const set = (values: readonly string[] | undefined): ReadonlySet<string> | null => (values ? new Set(values) : null);
  return {
    id: rule.id,
    file,
    phase: rule.phase,
    action: rule.action,
    mode: rule.mode ?? defaults.guardrailMode,
    onError: rule.onError ?? defaults.guardrailOnError,
    scope: {
      servers: set(rule.scope?.servers),
      tools: rule.scope?.tools ? compileNameMatcher(rule.scope.tools) : null,
      users: set(rule.scope?.users),
      groups: set(rule.scope?.groups),
    },
    detector: structuredClone(rule.detector),
  };
}
