/**
 * `portcullis validate [DIR]`: the same load → validate → compile path the gateway runs, offline.
 * Exit 0 when valid (warnings allowed), 1 when invalid, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../gateway/config/load-config.ts';
import { renderGithub, renderHuman, renderJson, type ReportFormat, type ReportSummary } from '../../gateway/config/report.ts';
import type { ValidatedConfig } from '../../gateway/config/validated-config.ts';
import { compile } from '../../gateway/runtime/compile.ts';
import type { Runtime } from '../../gateway/runtime/runtime.ts';
import { AwsSecretProvider } from '../../gateway/secrets/aws-provider.ts';
import { checkSecretsExist, type SecretExistenceReport } from '../../gateway/secrets/check-existence.ts';

const help = `usage: portcullis validate [DIR] [--config PATH] [--format human|json|github] [--check-secrets]

Checks the config repository in DIR (default: PORTCULLIS_CONFIG, else the current folder).
  --config PATH     root file or folder (overrides DIR and PORTCULLIS_CONFIG)
  --format F        human (default), json, or github (default when GITHUB_ACTIONS=true)
  --check-secrets   also ask AWS Secrets Manager whether each referenced secret exists
                    (DescribeSecret: never the value; standard AWS credentials and region)
`;

/** runValidate runs the validate subcommand and returns its exit code. */
export async function runValidate(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { config: { type: 'string' }, format: { type: 'string' }, 'check-secrets': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`portcullis validate: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(help);
    return 0;
  }
  const format = (parsed.values.format ?? (environment.GITHUB_ACTIONS === 'true' ? 'github' : 'human')) as ReportFormat;
  if (!['human', 'json', 'github'].includes(format) || parsed.positionals.length > 1) {
    process.stderr.write(help);
    return 2;
  }

  const result = await loadConfig({ explicitPath: parsed.values.config ?? parsed.positionals[0], environment });
  let summary: ReportSummary = { folder: result.folder, issues: result.issues };
  let valid = result.config !== undefined;
  let existenceNote = '';
  if (result.config) {
    const runtime = compile(result.config, { environment });
    const existence = parsed.values['check-secrets'] ? await checkExistence(result.config, runtime) : undefined;
    if (existence && existence.issues.length > 0) valid = false;
    if (existence) {
      existenceNote = `checked ${existence.checked} AWS secret(s) with DescribeSecret (values are never read); ${existence.perPrincipal} per-principal reference(s) name one secret per user and were not checked\n`;
    }
    summary = {
      ...summary,
      issues: [...summary.issues, ...(existence?.issues ?? [])],
      version: runtime.version,
      counts: {
        servers: runtime.servers.size,
        'policy rules': runtime.policy.rules.length,
        guardrails: runtime.guardrails.request.length + runtime.guardrails.response.length + runtime.guardrails.definition.length,
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
