/**
 * Schema narrowing shows a principal the input schema its grants allow: when every allow rule
 * that can grant a tool limits an argument to fixed values (or requires it, or bounds it), the
 * tool's inputSchema says so, and the model does not waste calls on values it will be refused.
 *
 * Narrowing only ever tightens: it touches properties the upstream declared (adding one could
 * admit an argument an `additionalProperties: false` schema refuses), and it copies every
 * object it changes, because the upstream's schema is shared by every principal.
 */
import type { ArgumentConstraintRuntime } from '../runtime/runtime.ts';

type JsonObject = Record<string, unknown>;

/**
 * narrowInputSchema narrows inputSchema to what every one of grants (the argument constraints
 * of each allow rule that can grant the tool) permits, or returns inputSchema itself when
 * nothing narrows. The caller passes no grants when an unconditional allow exists.
 */
export function narrowInputSchema<T>(inputSchema: T, grants: readonly (readonly ArgumentConstraintRuntime[])[]): T {
  const [first] = grants;
  if (first === undefined || !isObject(inputSchema) || !isObject(inputSchema.properties)) return inputSchema;
  const properties = inputSchema.properties;
  const changedProperties = new Map<string, JsonObject>();
  const addedRequired: string[] = [];
  const required = Array.isArray(inputSchema.required) ? (inputSchema.required as unknown[]) : [];

  for (const { argument } of first) {
    const constraints = grants.map((constraintsOfRule) => constraintsOfRule.find((constraint) => constraint.argument === argument));
    if (!constraints.every((constraint) => constraint !== undefined)) continue;
    const declared = Object.hasOwn(properties, argument) ? properties[argument] : undefined;
    // `true` is the schema that admits anything, the same as {}; `false` or a malformed entry is left alone.
    const property = declared === true ? {} : isObject(declared) ? declared : undefined;
    if (property === undefined) continue;

    const changes = narrowProperty(property, constraints);
    if (Object.keys(changes).length > 0) changedProperties.set(argument, { ...property, ...changes });
    if (constraints.every((constraint) => !constraint.optional) && !required.includes(argument)) addedRequired.push(argument);
  }

  if (changedProperties.size === 0 && addedRequired.length === 0) return inputSchema;
  const narrowed: JsonObject = { ...inputSchema };
  if (changedProperties.size > 0) {
    const copy: JsonObject = { ...properties };
    for (const [name, property] of changedProperties) defineOwn(copy, name, property);
    narrowed.properties = copy;
  }
  if (addedRequired.length > 0) narrowed.required = [...required, ...addedRequired];
  return narrowed as T;
}

function narrowProperty(property: JsonObject, constraints: readonly ArgumentConstraintRuntime[]): JsonObject {
  const changes: JsonObject = {};

  const valueSets = constraints.map((constraint) => constraint.values);
  if (valueSets.every((values) => values !== null)) {
    const allowed = new Set<unknown>();
    for (const values of valueSets) for (const value of values!) allowed.add(value);
    if (Array.isArray(property.enum)) {
      // An empty enum would be a schema no value can meet; the upstream's own enum then stays,
      // and the calls it admits are refused by the policy as before.
      const kept = (property.enum as unknown[]).filter((value) => allowed.has(value));
      if (kept.length > 0 && kept.length < property.enum.length) changes.enum = kept;
    } else {
      changes.enum = [...allowed];
    }
  }

  const tighten = (keyword: string, bounds: readonly (number | null)[], loosest: (a: number, b: number) => number, tighter: (a: number, b: number) => number): void => {
    if (!bounds.every((bound) => bound !== null)) return;
    const bound = (bounds as number[]).reduce((a, b) => loosest(a, b));
    const existing = property[keyword];
    const value = typeof existing === 'number' ? tighter(existing, bound) : bound;
    if (value !== existing) changes[keyword] = value;
  };
  tighten('minimum', constraints.map((constraint) => constraint.min), Math.min, Math.max);
  tighten('maximum', constraints.map((constraint) => constraint.max), Math.max, Math.min);
  tighten('maxLength', constraints.map((constraint) => constraint.maxLength), Math.max, Math.min);
  return changes;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Plain assignment of a property named __proto__ would set the prototype instead.
function defineOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
