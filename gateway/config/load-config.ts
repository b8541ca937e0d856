/**
 * loadConfig is the one entry point for reading a config repository, used alike by the gateway,
 * its hot reload and the CLI: discover → parse with positions → schema → semantic checks.
 * It never fetches a secret value and never touches the network.
 */
import { checkPinning } from './checks/pinning.ts';
import { checkConsistency } from './checks/consistency.ts';
import { checkCredentials } from './checks/credentials.ts';
import { checkDuplicateIds } from './checks/duplicate-ids.ts';
import { checkPatterns } from './checks/patterns.ts';
import { checkReferences } from './checks/references.ts';
import { checkToolNames } from './checks/tool-names.ts';
import { checkTelemetry } from './checks/telemetry.ts';
import { discoverRootFile, rootFileNames, type DiscoveryRequest } from './discover.ts';
import { compareIssues, hasErrors, severityOf, type ConfigIssue } from './issues.ts';
import { readRepository } from './repository.ts';
import { warmUpRegexChecker } from '../matching/regex-safety.ts';
import type { GuardrailFile, PolicyFile, PolicyTestFile, RootFile, ServerFile, ToolsLockFile } from './schema-types.generated.ts';
import { validateAgainstSchema, withoutInvalidParts } from './schema-validation.ts';
import type { CheckContext, Located, ValidatedConfig } from './validated-config.ts';
import { RemappedLocator } from './source-file.ts';

/** LoadResult is the validated config when there are no errors, and every issue found either way. */
export interface LoadResult {
  /** folder is the config repository's absolute path, when a root file was found. */
  readonly folder?: string;
  readonly config?: ValidatedConfig;
  readonly issues: readonly ConfigIssue[];
}

/** loadConfig finds, reads and validates a config repository, reporting all problems in one pass. */
export async function loadConfig(request: DiscoveryRequest = {}): Promise<LoadResult> {
  const discovery = await discoverRootFile(request);
  if (!discovery.found) {
    return {
      issues: [{
        code: 'PCX_ERR_CONFIG_NOT_FOUND',
        severity: severityOf('PCX_ERR_CONFIG_NOT_FOUND'),
        file: discovery.searched,
        line: 0,
        column: 0,
        path: '',
        message: `no Portcullis config found at ${discovery.searched}`,
        suggestion: `create ${rootFileNames[0]} there, or pass --config PATH (or set PORTCULLIS_CONFIG)`,
      }],
    };
  }

  warmUpRegexChecker();
  const repository = await readRepository(discovery.rootFile);
  const issues: ConfigIssue[] = [...repository.issues];
  // rootValid: the root's groups and auth sections, which reference checks rely on, are intact.
  let rootValid = true;
  const valid = { root: [] as Located<RootFile>[], server: [] as Located<ServerFile>[], policy: [] as Located<PolicyFile>[], guardrail: [] as Located<GuardrailFile>[], test: [] as Located<PolicyTestFile>[], lock: [] as Located<ToolsLockFile>[] };
  const serverIds = new Set<string>();

  for (const { kind, source } of repository.files) {
    if (source.syntaxIssues.length > 0) continue;
    const schemaIssues = validateAgainstSchema(source, kind);
    issues.push(...schemaIssues);
    const id = (source.value as { id?: unknown } | null)?.id;
    if (kind === 'server' && typeof id === 'string') serverIds.add(id);
    if (schemaIssues.length === 0) {
      (valid[kind] as Located<unknown>[]).push({ value: source.value, source });
    } else {
      const pruned = withoutInvalidParts(source.value, kind);
      if (pruned) (valid[kind] as Located<unknown>[]).push({ value: pruned.value, source: new RemappedLocator(source, pruned.toOriginal) });
    }
    if (kind === 'root' && schemaIssues.some((issue) => issue.path === '' || /^(groups|auth)\b/.test(issue.path))) rootValid = false;
  }

  const config: ValidatedConfig = {
    folder: repository.folder,
    root: valid.root[0] ?? { value: { version: 1 }, source: repository.root },
    servers: valid.server,
    policyFiles: valid.policy,
    guardrailFiles: valid.guardrail,
    testFiles: valid.test,
    lock: valid.lock[0],
  };
  const context: CheckContext = { serverIds, rootIntact: rootValid && valid.root.length === 1 };
  const patternIssues = checkPatterns(config);
  issues.push(...checkDuplicateIds(config), ...checkToolNames(config), ...checkCredentials(config, context));
  issues.push(...checkReferences(config, context), ...checkConsistency(config, context), ...checkPinning(config, context), ...checkTelemetry(config));

  issues.push(...(await patternIssues));
  const sorted = dedupe(issues).sort(compareIssues);
  return { folder: repository.folder, config: hasErrors(sorted) ? undefined : config, issues: sorted };
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}|${issue.file}|${issue.line}|${issue.column}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
