/**
 * Schema validation of each config file against schema/portcullis.schema.json, with ajv's
 * errors turned into issues a person can act on: located, one per problem, with suggestions.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ConfigIssue } from './issues.ts';
import type { PathSegment, SourceFile } from './source-file.ts';
import { didYouMean } from './suggest.ts';

/** FileKind names the kinds of file a config repository holds. */
export type FileKind = 'root' | 'server' | 'policy' | 'guardrail' | 'test' | 'lock';

const schemaUrl = new URL('../../schema/portcullis.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as { $id: string; $defs: Record<string, SchemaNode> };

interface SchemaNode {
  description?: string;
  properties?: Record<string, unknown>;
  oneOf?: { $ref: string }[];
  discriminator?: { propertyName: string };
}

const definitionOfKind: Record<FileKind, string> = {
  root: 'rootFile',
  server: 'serverFile',
  policy: 'policyFile',
  guardrail: 'guardrailFile',
  test: 'policyTestFile',
  lock: 'toolsLockFile',
};

/** createSchemaAjv returns an ajv instance configured as every part of Portcullis uses it. */
export function createSchemaAjv(): Ajv2020 {
  return new Ajv2020({ strict: true, allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true });
}

const ajv = createSchemaAjv();
ajv.addSchema(schema);
const validators = new Map<FileKind, ValidateFunction>(
  (Object.keys(definitionOfKind) as FileKind[]).map((kind) => [
    kind,
    ajv.getSchema(`${schema.$id}#/$defs/${definitionOfKind[kind]}`)!,
  ]),
);

/** validateAgainstSchema returns every schema problem of a parsed file of the given kind. */
export function validateAgainstSchema(source: SourceFile, kind: FileKind): ConfigIssue[] {
  const validate = validators.get(kind)!;
  if (validate(source.value)) return [];
  const errors = pruneUmbrellaErrors(validate.errors ?? []);
  return errors.map((error) => toIssue(source, error));
}

/**
 * withoutInvalidParts returns a copy of a file's value with every part that breaks the schema
 * removed, if what remains is valid; otherwise undefined. Semantic checks run on that copy, so
 * a typo in one key does not hide, say, a literal credential elsewhere in the same file.
 */
export function withoutInvalidParts(value: unknown, kind: FileKind): PrunedValue | undefined {
  const validate = validators.get(kind)!;
  let pruned = structuredClone(value);
  // removed maps a list's path (in the original file) to the original indices pruned from it.
  const removed = new Map<string, number[]>();
  const toOriginal = (path: readonly PathSegment[]): PathSegment[] => {
    const original: PathSegment[] = [];
    for (const segment of path) {
      if (typeof segment === 'number') {
        let index = segment;
        for (const gone of removed.get(JSON.stringify(original)) ?? []) if (gone <= index) index++;
        original.push(index);
      } else {
        original.push(segment);
      }
    }
    return original;
  };
  for (let round = 0; round < 3; round++) {
    if (validate(pruned)) return { value: pruned, toOriginal };
    const paths = (validate.errors ?? []).map((error) =>
      error.keyword === 'additionalProperties' ? [...pathOf(error.instancePath), String((error.params as { additionalProperty: string }).additionalProperty)] : pathOf(error.instancePath),
    );
    // Deepest first, and sequence items from the end, so earlier removals do not shift later paths.
    paths.sort((a, b) => b.length - a.length || compareIndices(b, a));
    for (const path of paths) {
      if (path.length === 0) return undefined;
      const original = toOriginal(path);
      const last = original[original.length - 1];
      if (typeof last === 'number') {
        const key = JSON.stringify(original.slice(0, -1));
        removed.set(key, [...(removed.get(key) ?? []), last].sort((a, b) => a - b));
      }
      pruned = removeAt(pruned, path);
    }
  }
  return validate(pruned) ? { value: pruned, toOriginal } : undefined;
}

/** PrunedValue is a file's value without its invalid parts, and how to map its paths back to the file. */
export interface PrunedValue {
  readonly value: unknown;
  readonly toOriginal: (path: readonly PathSegment[]) => PathSegment[];
}

function compareIndices(a: PathSegment[], b: PathSegment[]): number {
  const last = (p: PathSegment[]): number => (typeof p[p.length - 1] === 'number' ? (p[p.length - 1] as number) : -1);
  return last(a) - last(b);
}

function removeAt(value: unknown, path: readonly PathSegment[]): unknown {
  let parent = value as Record<string | number, unknown> | undefined;
  for (const segment of path.slice(0, -1)) {
    parent = parent?.[segment] as Record<string | number, unknown> | undefined;
    if (parent === null || typeof parent !== 'object') return value;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent) delete parent[last];
  return value;
}

/**
 * pruneUmbrellaErrors drops errors that only summarise others (oneOf, if/then) when a more
 * specific error exists at the same place or deeper, so a person sees the cause once.
 */
function pruneUmbrellaErrors(errors: ErrorObject[]): ErrorObject[] {
  // propertyNames only repeats the pattern error ajv reports for the offending key.
  const umbrella = new Set(['oneOf', 'anyOf', 'if', 'propertyNames']);
  return errors.filter((error) => {
    if (!umbrella.has(error.keyword)) return true;
    return !errors.some((other) => !umbrella.has(other.keyword) && other.instancePath.startsWith(error.instancePath));
  });
}

function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

function expectedFrom(parentSchema: unknown): string | undefined {
  const description = (parentSchema as SchemaNode | undefined)?.description;
  return description ? `expected ${lowerFirst(description)}` : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function discriminatorValues(parentSchema: unknown): string[] {
  const node = parentSchema as SchemaNode;
  const property = node.discriminator?.propertyName ?? 'type';
  return (node.oneOf ?? []).map((branch) => {
    const name = branch.$ref.replace('#/$defs/', '');
    const variant = schema.$defs[name]?.properties?.[property] as { const?: string } | undefined;
    return variant?.const ?? name;
  });
}

function toIssue(source: SourceFile, error: ErrorObject): ConfigIssue {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as SchemaNode).properties ?? {});
      return source.issue('PCX_ERR_UNKNOWN_KEY', [...path, key], {
        message: `unknown key \`${key}\``,
        suggestion: didYouMean(key, known) ?? (known.length ? `allowed keys here: ${known.join(', ')}` : 'remove it'),
      }, 'key');
    }
    case 'required': {
      const key = String(params.missingProperty);
      return source.issue('PCX_ERR_MISSING_KEY', path, {
        message: `missing required key \`${key}\``,
        suggestion: `add \`${key}:\``,
      }, 'key');
    }
    case 'type':
      return source.issue('PCX_ERR_WRONG_TYPE', path, {
        message: `expected ${String(params.type).replace(',', ' or ')}, got ${describeValue(error.data)}`,
      });
    case 'const':
    case 'enum': {
      const allowed = (error.keyword === 'const' ? [params.allowedValue] : (params.allowedValues as unknown[])).map(String);
      return source.issue('PCX_ERR_INVALID_VALUE', path, {
        message: `${describeValue(error.data)} is not allowed; expected one of: ${allowed.join(', ')}`,
        suggestion: typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined,
      });
    }
    case 'discriminator': {
      const property = String(params.tag);
      const allowed = discriminatorValues(error.parentSchema);
      if (params.error === 'mapping') {
        const value = (error.data as Record<string, unknown>)[property];
        return source.issue('PCX_ERR_INVALID_VALUE', [...path, property], {
          message: `${describeValue(value)} is not a known ${property}; expected one of: ${allowed.join(', ')}`,
          suggestion: typeof value === 'string' ? didYouMean(value, allowed) : undefined,
        });
      }
      return source.issue('PCX_ERR_MISSING_KEY', path, {
        message: `missing required key \`${property}\` (one of: ${allowed.join(', ')})`,
        suggestion: `add \`${property}:\``,
      }, 'key');
    }
    case 'pattern':
    case 'format':
      if (error.propertyName !== undefined) {
        return source.issue('PCX_ERR_INVALID_FORMAT', [...path, error.propertyName], {
          message: `key ${JSON.stringify(error.propertyName)} has the wrong form`,
          suggestion: expectedFrom(error.parentSchema) ?? `a key here must match ${String(params.pattern)}`,
        }, 'key');
      }
      return source.issue('PCX_ERR_INVALID_FORMAT', path, {
        message: `${describeValue(error.data)} has the wrong form`,
        suggestion: expectedFrom(error.parentSchema),
      });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return source.issue('PCX_ERR_OUT_OF_RANGE', path, {
        message: `${describeValue(error.data)}: ${error.message ?? 'out of range'}`,
        suggestion: expectedFrom(error.parentSchema),
      });
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return source.issue('PCX_ERR_SCHEMA', [...path, second!], {
        message: `the list has the same item twice (items ${first} and ${second}, counting from 0)`,
        suggestion: 'remove the duplicate',
      });
    }
    default:
      return source.issue('PCX_ERR_SCHEMA', path, {
        message: error.message ?? `breaks schema rule ${error.keyword}`,
        suggestion: expectedFrom(error.parentSchema),
      });
  }
}
