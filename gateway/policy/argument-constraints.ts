/**
 * Argument constraints compiled for evaluation: each becomes one check function, built at
 * policy load (JSON Schemas included), so a call runs only type tests, Set lookups, a RegExp and
 * at most one precompiled validator per constrained argument.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ArgumentConstraintRuntime } from '../runtime/runtime.ts';

/** ArgumentCheck is one compiled constraint. */
export interface ArgumentCheck {
  /** constraint is the compiled rule's constraint as written, for schema narrowing. */
  readonly constraint: ArgumentConstraintRuntime;
  /**
   * unmet returns null when the call's arguments meet every condition on this argument, else
   * what failed. It names the argument and the condition but never the value, which may be
   * sensitive and ends up in logs.
   */
  readonly unmet: (args: Readonly<Record<string, unknown>> | undefined) => string | null;
}

type ValueCheck = (value: unknown) => string | null;

/** compileArgumentCheck compiles one constraint; a JSON Schema that does not compile throws. */
export function compileArgumentCheck(constraint: ArgumentConstraintRuntime, ajv: Ajv2020): ArgumentCheck {
  const name = constraint.argument;
  const label = `argument \`${name}\``;
  const checks = valueChecks(constraint, label, ajv);
  const unmet = (args: Readonly<Record<string, unknown>> | undefined): string | null => {
    // Own properties only: `constructor` must not be found on Object.prototype. A JSON null is
    // treated as absent, because servers commonly read it as "use the default", and a deny rule
    // with an optional constraint must catch that call as it catches an omitted argument.
    const value = args !== undefined && Object.hasOwn(args, name) ? args[name] : undefined;
    if (value === undefined || value === null) return constraint.optional ? null : `${label} is missing`;
    for (const check of checks) {
      const failure = check(value);
      if (failure !== null) return failure;
    }
    return null;
  };
  return { constraint, unmet };
}

/** firstUnmet returns what the first failing check reports, or null when the arguments meet them all. */
export function firstUnmet(checks: readonly ArgumentCheck[], args: Readonly<Record<string, unknown>> | undefined): string | null {
  for (const check of checks) {
    const failure = check.unmet(args);
    if (failure !== null) return failure;
  }
  return null;
}

function valueChecks(constraint: ArgumentConstraintRuntime, label: string, ajv: Ajv2020): ValueCheck[] {
  const checks: ValueCheck[] = [];
  const { values, pattern, prefix, maxLength, min, max, schema } = constraint;
  if (values !== null) {
    // Set#has is SameValueZero: 1 and "1" differ, so the check is type-aware by construction.
    checks.push((value) => (values.has(value as string | number | boolean) ? null : `${label} is not one of the allowed values`));
  }
  if (prefix !== null) {
    checks.push((value) =>
      typeof value !== 'string' ? `${label} is not a string (prefix)` : value.startsWith(prefix) ? null : `${label} does not start with \`${prefix}\``,
    );
  }
  if (pattern !== null) {
    checks.push((value) =>
      typeof value !== 'string' ? `${label} is not a string (pattern)` : pattern.test(value) ? null : `${label} does not match pattern ${pattern.source}`,
    );
  }
  if (maxLength !== null) {
    checks.push((value) => {
      if (typeof value !== 'string') return `${label} is not a string (maxLength)`;
      // UTF-16 length is at least the code point count, so most values skip the spread.
      return value.length <= maxLength || [...value].length <= maxLength ? null : `${label} is longer than maxLength ${maxLength}`;
    });
  }
  if (min !== null || max !== null) {
    checks.push((value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${label} is not a finite number (${min !== null ? 'min' : 'max'})`;
      if (min !== null && value < min) return `${label} is below min ${min}`;
      if (max !== null && value > max) return `${label} is above max ${max}`;
      return null;
    });
  }
  if (schema !== null) {
    const validate = ajv.compile(schema);
    checks.push((value) => {
      if (validate(value)) return null;
      const error = validate.errors?.[0];
      return `${label} fails its schema${error ? `: ${error.instancePath || '(value)'} ${error.message ?? ''}`.trimEnd() : ''}`;
    });
  }
  return checks;
}
