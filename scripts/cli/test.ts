/**
 * `portcullis test [DIR]`: runs the config repository's policy tests (tests/*.yaml) against the
 * config compiled from the same repository, with the gateway's own decision code, and prints
 * each case. Exit 0 when every case passes, 1 when one fails or cannot run or the config is
 * invalid, 2 on a usage error.
 */
import { loadConfig } from '../../gateway/config/load-config.ts';
import { renderGithub, renderHuman } from '../../gateway/config/report.ts';
import { runPolicyTests, type CaseResult } from '../../gateway/policy-tests/run-policy-tests.ts';
import { compile } from '../../gateway/runtime/compile.ts';
import { parseReportCommand } from './report-command.ts';

const help = `usage: portcullis test [DIR] [--config PATH] [--format human|json|github]

Runs the policy tests (tests/**/*.yaml, or include.tests) of the config repository in DIR
(default: PORTCULLIS_CONFIG, else the current folder) against that repository's config.
  --config PATH   root file or folder (overrides DIR and PORTCULLIS_CONFIG)
  --format F      human (default), json, or github (default when GITHUB_ACTIONS=true:
                  failed cases become annotations on their lines)
Exit 0 when every case passes, 1 when a case fails or the config is invalid.
`;

function caseLine(result: CaseResult): string {
  const mark = result.status === 'passed' ? 'pass' : result.status === 'failed' ? 'FAIL' : 'INVALID';
  const lines = [`  ${mark.padEnd(7)} ${result.file}:${result.line}  ${result.name}`];
  if (result.problem !== undefined) lines.push(`          ${result.problem}`);
  if (result.suggestion !== undefined) lines.push(`          hint: ${result.suggestion}`);
  return lines.join('\n');
}

function tally(results: readonly CaseResult[]): { passed: number; failed: number; invalid: number } {
  return {
    passed: results.filter((result) => result.status === 'passed').length,
    failed: results.filter((result) => result.status === 'failed').length,
    invalid: results.filter((result) => result.status === 'invalid').length,
  };
}

/** runTest runs the test subcommand and returns its exit code. */
export async function runTest(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = parseReportCommand('test', argv, environment, help);
  if (typeof command === 'number') return command;
  const { format } = command;

  const loaded = await loadConfig({ explicitPath: command.configPath, environment });
  if (!loaded.config) {
    const summary = { folder: loaded.folder, issues: loaded.issues };
    process.stdout.write(format === 'json' ? JSON.stringify({ valid: false, issues: loaded.issues }, null, 2) + '\n' : format === 'github' ? renderGithub(summary, environment.GITHUB_WORKSPACE ?? process.cwd()) : renderHuman(summary));
    if (format !== 'json') process.stdout.write('portcullis test: the config is invalid, so no case ran (the report above is what portcullis validate says)\n');
    return 1;
  }
  const runtime = compile(loaded.config, { environment });
  const report = runPolicyTests(loaded.config, runtime);
  const counts = tally(report.results);
  const ok = counts.failed === 0 && counts.invalid === 0;

  if (format === 'json') {
    process.stdout.write(JSON.stringify({ valid: true, configVersion: runtime.version, ...counts, results: report.results }, null, 2) + '\n');
    return ok ? 0 : 1;
  }
  if (format === 'github') {
    // The annotations only: the lines below say the rest.
    const annotations = renderGithub({ folder: loaded.folder, issues: report.issues }, environment.GITHUB_WORKSPACE ?? process.cwd()).split('\n').filter((line) => line.startsWith('::'));
    if (annotations.length > 0) process.stdout.write(annotations.join('\n') + '\n');
  }
  if (report.results.length === 0) {
    process.stdout.write(`no policy tests in ${loaded.folder} (put cases in tests/*.yaml; docs/gitops.md shows how)\n`);
    return 0;
  }
  process.stdout.write(`policy tests of ${loaded.folder} (config version ${runtime.version.slice(0, 12)}):\n`);
  for (const result of report.results) process.stdout.write(caseLine(result) + '\n');
  process.stdout.write(`${report.results.length} cases: ${counts.passed} passed, ${counts.failed} failed, ${counts.invalid} invalid\n`);
  return ok ? 0 : 1;
}
