/**
 * Ids name things in policies, audit records and errors, so each must name one thing.
 */
import type { ConfigIssue } from '../issues.ts';
import type { PathSegment, IssueLocator } from '../source-file.ts';
import type { ValidatedConfig } from '../validated-config.ts';

interface Definition {
  readonly id: string;
  readonly source: IssueLocator;
  readonly path: readonly PathSegment[];
}

/** checkDuplicateIds reports every id defined twice among servers, policy rules, guardrails and API keys. */
export function checkDuplicateIds(config: ValidatedConfig): ConfigIssue[] {
  const servers = config.servers.map(({ value, source }) => ({ id: value.id, source, path: ['id'] }));
  const rules = config.policyFiles.flatMap(({ value, source }) =>
    value.rules.map((rule, index) => ({ id: rule.id, source, path: ['rules', index, 'id'] })),
  );
  const guardrails = config.guardrailFiles.flatMap(({ value, source }) =>
    value.guardrails.map((rule, index) => ({ id: rule.id, source, path: ['guardrails', index, 'id'] })),
  );
  const apiKeys = (config.root.value.auth?.apiKeys ?? []).map((key, index) => ({
    id: key.id,
    source: config.root.source,
    path: ['auth', 'apiKeys', index, 'id'],
  }));
  return [
    ...duplicatesAmong('server', servers),
    ...duplicatesAmong('policy rule', rules),
    ...duplicatesAmong('guardrail', guardrails),
    ...duplicatesAmong('API key', apiKeys),
  ];
}

function duplicatesAmong(what: string, definitions: readonly Definition[]): ConfigIssue[] {
  const first = new Map<string, Definition>();
  const issues: ConfigIssue[] = [];
  for (const definition of definitions) {
    const earlier = first.get(definition.id);
    if (!earlier) {
      first.set(definition.id, definition);
      continue;
    }
    const where = earlier.source.locate(earlier.path);
    issues.push(
      definition.source.issue('PCX_ERR_DUPLICATE_ID', definition.path, {
        message: `${what} id \`${definition.id}\` is already defined at ${earlier.source.relativePath}:${where.line}:${where.column}`,
        suggestion: `rename one of them; ${what} ids must be unique across the repository`,
      }),
    );
  }
  return issues;
}
