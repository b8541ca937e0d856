/**
 * Every name that points at something (a server, a group, an API key, a principal attribute)
 * must point at something defined, or a typo silently grants or denies nothing.
 */
import type { ConfigIssue, ConfigIssueCode } from '../issues.ts';
import type { PathSegment, IssueLocator } from '../source-file.ts';
import { didYouMean } from '../suggest.ts';
import type { CheckContext, ValidatedConfig } from '../validated-config.ts';

/** checkReferences reports references to servers, groups and API keys that are not defined. */
export function checkReferences(config: ValidatedConfig, context: CheckContext): ConfigIssue[] {
  const root = config.root.value;
  const rootSource = config.root.source;
  const groups = new Set(Object.keys(root.groups ?? {}));
  const apiKeyIds = new Set((root.auth?.apiKeys ?? []).map((key) => key.id));
  const issues: ConfigIssue[] = [];

  const expect = (
    code: ConfigIssueCode,
    what: string,
    known: ReadonlySet<string>,
    names: readonly string[] | undefined,
    source: IssueLocator,
    path: readonly PathSegment[],
    wildcardAllowed = false,
  ): void => {
    for (const [index, name] of (names ?? []).entries()) {
      if (known.has(name) || (wildcardAllowed && name === '*')) continue;
      const hint = what === 'group' ? `declare it under \`groups:\` in ${rootSource.relativePath}` : `define it first`;
      issues.push(
        source.issue(code, [...path, index], {
          message: `unknown ${what} \`${name}\``,
          suggestion: didYouMean(name, known) ?? hint,
        }),
      );
    }
  };

  // Group and API key names are declared in the root file; when it is broken they are unknown, not wrong.
  const declared = context.rootIntact;
  for (const [index, key] of (declared ? root.auth?.apiKeys ?? [] : []).entries()) {
    expect('PCX_ERR_UNKNOWN_GROUP', 'group', groups, key.groups, rootSource, ['auth', 'apiKeys', index, 'groups']);
  }
  if (declared) {
    expect('PCX_ERR_UNKNOWN_GROUP', 'group', groups, root.auth?.anonymous?.groups, rootSource, ['auth', 'anonymous', 'groups']);
    expect('PCX_ERR_UNKNOWN_API_KEY', 'API key', apiKeyIds, root.auth?.revoked?.apiKeys, rootSource, ['auth', 'revoked', 'apiKeys']);
  }

  for (const { value, source } of config.policyFiles) {
    for (const [index, rule] of value.rules.entries()) {
      expect('PCX_ERR_UNKNOWN_SERVER', 'server', context.serverIds, rule.servers, source, ['rules', index, 'servers'], true);
      if (declared) expect('PCX_ERR_UNKNOWN_GROUP', 'group', groups, rule.subjects.groups, source, ['rules', index, 'subjects', 'groups']);
    }
  }
  for (const { value, source } of config.guardrailFiles) {
    for (const [index, rule] of value.guardrails.entries()) {
      expect('PCX_ERR_UNKNOWN_SERVER', 'server', context.serverIds, rule.scope?.servers, source, ['guardrails', index, 'scope', 'servers']);
      if (declared) expect('PCX_ERR_UNKNOWN_GROUP', 'group', groups, rule.scope?.groups, source, ['guardrails', index, 'scope', 'groups']);
    }
  }
  return issues;
}
