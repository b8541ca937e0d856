/**
 * Compiling policy rules: subjects to sets, globs to matchers, argument constraints to
 * RegExps and bounds, and an index from server id to the rules that can apply to it, so
 * a decision never scans rules about other servers.
 */
import type { ArgumentConstraint, PolicyRule } from '../config/schema-types.generated.ts';
import type { Located } from '../config/validated-config.ts';
import type { PolicyFile } from '../config/schema-types.generated.ts';
import { compileNameMatcher } from '../matching/name-matcher.ts';
import type { ArgumentConstraintRuntime, PolicyRuleRuntime, PolicyRuntime } from './runtime.ts';

/** compilePolicy compiles every rule of every policy file and indexes them by server. */
export function compilePolicy(files: readonly Located<PolicyFile>[], serverIds: readonly string[]): PolicyRuntime {
  const rules = files.flatMap(({ value, source }) => value.rules.map((rule) => compileRule(rule, source.relativePath)));
  const rulesByServer = new Map<string, PolicyRuleRuntime[]>();
  for (const id of serverIds) {
    const applicable = rules.filter((rule) => rule.servers === null || rule.servers.has(id));
    // Denies first: evaluation can stop at the first matching deny.
    rulesByServer.set(id, [...applicable.filter((r) => r.effect === 'deny'), ...applicable.filter((r) => r.effect === 'allow')]);
  }
  return { rules, rulesByServer };
}

function compileRule(rule: PolicyRule, file: string): PolicyRuleRuntime {
  const users = rule.subjects.users ?? [];
  return {
    id: rule.id,
    file,
    effect: rule.effect,
    subjects: {
      anyUser: users.includes('*'),
      users: new Set(users.filter((user) => user !== '*')),
      groups: new Set(rule.subjects.groups ?? []),
      claims: Object.entries(rule.subjects.claims ?? {}).map(([path, values]) => ({ path, values: new Set(values) })),
    },
    servers: rule.servers.includes('*') ? null : new Set(rule.servers),
    tools: compileNameMatcher(rule.tools),
    prompts: compileNameMatcher(rule.prompts),
    resources: compileNameMatcher(rule.resources),
    arguments: Object.entries(rule.arguments ?? {}).map(([argument, constraint]) => compileConstraint(argument, constraint)),
  };
}

function compileConstraint(argument: string, constraint: ArgumentConstraint): ArgumentConstraintRuntime {
  return {
    argument,
    values: constraint.values ? new Set(constraint.values) : null,
    pattern: constraint.pattern ? new RegExp(constraint.pattern) : null,
    prefix: constraint.prefix ?? null,
    maxLength: constraint.maxLength ?? null,
    min: constraint.min ?? null,
    max: constraint.max ?? null,
    schema: constraint.schema ?? null,
    optional: constraint.optional ?? false,
  };
}
