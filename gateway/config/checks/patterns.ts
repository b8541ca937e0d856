/**
 * Globs, regular expressions and embedded JSON Schemas are compiled at load; this check makes
 * sure each one compiles, and that no regular expression can backtrack catastrophically.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compileGlob } from '../../matching/glob.ts';
import { checkRegex } from '../../matching/regex-safety.ts';
import type { ConfigIssue } from '../issues.ts';
import type { PathSegment, IssueLocator } from '../source-file.ts';
import type { ValidatedConfig } from '../validated-config.ts';

/** createUserSchemaAjv returns the ajv used for JSON Schemas users embed (argument and guardrail schemas). */
export function createUserSchemaAjv(): Ajv2020 {
  // Users' schemas may carry annotations ajv does not know (examples, x-…): not strict.
  return new Ajv2020({ strict: false, allErrors: true });
}

/** checkPatterns reports malformed globs, invalid or unsafe regexes, and embedded schemas that do not compile. */
export async function checkPatterns(config: ValidatedConfig): Promise<ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  // Regex analysis runs in recheck's own process: start every pattern at once, await at the end.
  const pendingRegexes: Promise<void>[] = [];
  const ajv = createUserSchemaAjv();

  const glob = (source: IssueLocator, path: readonly PathSegment[], pattern: string): void => {
    const result = compileGlob(pattern);
    if (!result.ok) {
      issues.push(source.issue('PCX_ERR_INVALID_GLOB', path, {
        message: `malformed glob \`${pattern}\`: ${result.error}`,
        suggestion: 'close every [ and {, or escape them with \\',
      }));
    }
  };
  const globs = (source: IssueLocator, path: readonly PathSegment[], list: readonly string[] | undefined): void => {
    for (const [index, pattern] of (list ?? []).entries()) glob(source, [...path, index], pattern);
  };
  const regex = (source: IssueLocator, path: readonly PathSegment[], pattern: string | undefined, flags = ''): void => {
    if (pattern === undefined) return;
    pendingRegexes.push(checkRegex(pattern, flags).then((verdict) => {
      if (verdict.kind === 'invalid') {
        issues.push(source.issue('PCX_ERR_INVALID_REGEX', path, { message: `regular expression does not compile: ${verdict.reason}` }));
      } else if (verdict.kind === 'unsafe') {
        issues.push(source.issue('PCX_ERR_UNSAFE_REGEX', path, {
          message: `regular expression \`${pattern}\` is unsafe: ${verdict.reason}${verdict.attack ? ` (slow input: ${verdict.attack})` : ''}`,
          suggestion: 'avoid nested or overlapping quantifiers such as (a+)+ or \\s*x\\s*; anchor the pattern and bound repetitions',
        }));
      }
    }));
  };
  const schema = (source: IssueLocator, path: readonly PathSegment[], value: object | undefined): void => {
    if (value === undefined) return;
    try {
      ajv.compile(value);
    } catch (error) {
      issues.push(source.issue('PCX_ERR_INVALID_JSON_SCHEMA', path, {
        message: `JSON Schema does not compile: ${(error as Error).message}`,
      }));
    }
  };

  for (const { value: server, source } of config.servers) {
    for (const kind of ['tools', 'prompts', 'resources'] as const) {
      globs(source, [kind, 'allow'], server[kind]?.allow);
      globs(source, [kind, 'deny'], server[kind]?.deny);
    }
    for (const [index, override] of (server.audit?.tools ?? []).entries()) {
      glob(source, ['audit', 'tools', index, 'match'], override.match);
    }
  }
  for (const { value, source } of config.policyFiles) {
    for (const [index, rule] of value.rules.entries()) {
      const at = ['rules', index];
      globs(source, [...at, 'tools'], rule.tools);
      globs(source, [...at, 'prompts'], rule.prompts);
      globs(source, [...at, 'resources'], rule.resources);
      for (const [name, constraint] of Object.entries(rule.arguments ?? {})) {
        regex(source, [...at, 'arguments', name, 'pattern'], constraint.pattern);
        schema(source, [...at, 'arguments', name, 'schema'], constraint.schema);
      }
    }
  }
  for (const { value, source } of config.guardrailFiles) {
    for (const [index, rule] of value.guardrails.entries()) {
      const at = ['guardrails', index];
      globs(source, [...at, 'scope', 'tools'], rule.scope?.tools);
      const detector = rule.detector;
      const detectorAt = [...at, 'detector'];
      switch (detector.type) {
        case 'secrets':
          globs(source, [...detectorAt, 'rules'], detector.rules);
          globs(source, [...detectorAt, 'exclude'], detector.exclude);
          break;
        case 'url':
          globs(source, [...detectorAt, 'allowDomains'], detector.allowDomains);
          globs(source, [...detectorAt, 'denyDomains'], detector.denyDomains);
          break;
        case 'path':
          globs(source, [...detectorAt, 'allow'], detector.allow);
          globs(source, [...detectorAt, 'deny'], detector.deny);
          break;
        case 'regex':
          for (const [patternIndex, pattern] of detector.patterns.entries()) {
            regex(source, [...detectorAt, 'patterns', patternIndex], pattern, detector.ignoreCase ? 'i' : '');
          }
          break;
        case 'schema':
          schema(source, [...detectorAt, 'schema'], detector.schema);
          break;
        default:
          break;
      }
    }
  }
  await Promise.all(pendingRegexes);
  return issues;
}
