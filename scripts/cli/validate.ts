/**
 * `portcullis validate [DIR]`: the same load → validate → compile path the gateway runs, offline.
 * Exit 0 when valid (warnings allowed), 1 when invalid, 2 on a usage error.
 */
import { loadConfig } from '../../gateway/config/load-config.ts';
import { renderGithub, renderHuman, renderJson, type ReportSummary } from '../../gateway/config/report.ts';
import type { ValidatedConfig } from '../../gateway/config/validated-config.ts';
import { runPolicyTests } from '../../gateway/policy-tests/run-policy-tests.ts';
import { compile } from '../../gateway/runtime/compile.ts';
import type { Runtime } from '../../gateway/runtime/runtime.ts';
import { AwsSecretProvider } from '../../gateway/secrets/aws-provider.ts';
import { checkSecretsExist, type SecretExistenceReport } from '../../gateway/secrets/check-existence.ts';
import { parseReportCommand } from './report-command.ts';

const help = `usage: portcullis validate [DIR] [--config PATH] [--format human|json|github] [--check-secrets]

Checks the config repository in DIR (default: PORTCULLIS_CONFIG, else the current folder),
and runs its policy tests (portcullis test shows each case).
  --config PATH     root file or folder (overrides DIR and PORTCULLIS_CONFIG)
  --format F        human (default), json, or github (default when GITHUB_ACTIONS=true)
  --check-secrets   also ask AWS Secrets Manager whether each referenced secret exists
                    (DescribeSecret: never the value; standard AWS credentials and region)
`;

/** runValidate runs the validate subcommand and returns its exit code. */
export async function runValidate(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = parseReportCommand('validate', argv, environment, help, { 'check-secrets': { type: 'boolean' } });
  if (typeof command === 'number') return command;
  const { format } = command;

  const result = await loadConfig({ explicitPath: command.configPath, environment });
  let summary: ReportSummary = { folder: result.folder, issues: result.issues };
  let valid = result.config !== undefined;
  let existenceNote = '';
  if (result.config) {
    const runtime = compile(result.config, { environment });
    const existence = command.values['check-secrets'] ? await checkExistence(result.config, runtime) : undefined;
    if (existence && existence.issues.length > 0) valid = false;
    // The policy tests are part of the repository's contract: a case that fails fails validation.
    const tests = runPolicyTests(result.config, runtime);
    if (tests.issues.length > 0) valid = false;
    if (existence) {
      existenceNote = `checked ${existence.checked} AWS secret(s) with DescribeSecret (values are never read); ${existence.perPrincipal} per-principal reference(s) name one secret per user and were not checked\n`;
    }
    summary = {
      ...summary,
      issues: [...summary.issues, ...tests.issues, ...(existence?.issues ?? [])],
      version: runtime.version,
      counts: {
        servers: runtime.servers.size,
        'policy rules': runtime.policy.rules.length,
        guardrails: runtime.guardrails.request.length + runtime.guardrails.response.length + runtime.guardrails.definition.length,
        'policy tests': tests.results.length,
      },
    };
  }
  const output =
    format === 'json' ? renderJson(summary) : format === 'github' ? renderGithub(summary, environment.GITHUB_WORKSPACE ?? process.cwd()) : renderHuman(summary);
  process.stdout.write(format === 'json' ? output : output + existenceNote);
  return valid ? 0 : 1;
}

async function checkExistence(config: ValidatedConfig, runtime: Runtime): Promise<SecretExistenceReport> {
  const provider = new AwsSecretProvider(runtime.secrets.aws);
  try {
    return await checkSecretsExist(config, (secretId) => provider.describe(secretId));
  } finally {
    provider.destroy();
  }
}
