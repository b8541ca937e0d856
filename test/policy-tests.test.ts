// Policy tests (tests/*.yaml) as config authors and CI run them: `portcullis test` and
// `portcullis validate` on the example config in config/ and on copies of it with one thing
// changed, through the real command line.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from './support/run-cli.ts';

/** copyOfExampleConfig copies config/ to a temporary folder, applies `edit` to one file and returns the folder. */
async function copyOfExampleConfig(edits: Readonly<Record<string, (text: string) => string>>): Promise<{ folder: string; remove: () => Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'portcullis-policy-tests-'));
  const folder = path.join(parent, 'config');
  await cp(path.join(repoRoot, 'config'), folder, { recursive: true });
  for (const [relative, edit] of Object.entries(edits)) {
    const file = path.join(folder, relative);
    const before = await readFile(file, 'utf8').catch(() => '');
    const after = edit(before);
    assert.notEqual(after, before, `the edit of ${relative} changed nothing`);
    await writeFile(file, after);
  }
  return { folder, remove: () => rm(parent, { recursive: true, force: true }) };
}

function replaceOnce(from: string, to: string): (text: string) => string {
  return (text) => {
    assert.ok(text.includes(from), `expected to find ${JSON.stringify(from)}`);
    return text.replace(from, to);
  };
}

interface JsonReport {
  valid: boolean;
  passed: number;
  failed: number;
  invalid: number;
  results: { file: string; line: number; name: string; status: string; expected: { outcome: string; rule?: string }; actual?: { outcome: string; rule?: string; file?: string }; problem?: string }[];
}

test('the example config passes its own suite of at least 20 cases, through test and through validate', async () => {
  const result = await runCli(['test', 'config']);
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  const summary = /^(\d+) cases: (\d+) passed, 0 failed, 0 invalid$/m.exec(result.stdout);
  assert.ok(summary, result.stdout);
  assert.ok(Number(summary[1]) >= 20, `only ${summary[1]} cases`);
  assert.equal(summary[1], summary[2]);

  const json = await runCli(['test', 'config', '--format', 'json']);
  const report = JSON.parse(json.stdout) as JsonReport;
  assert.equal(report.results.length, Number(summary[1]));
  // Each outcome kind is exercised, so a suite that only ever expects allow would show here.
  assert.deepEqual(new Set(report.results.map((entry) => entry.expected.outcome)), new Set(['allow', 'deny', 'block', 'redact']));

  const validate = await runCli(['validate', 'config']);
  assert.equal(validate.exitCode, 0, validate.stdout);
  assert.match(validate.stdout, new RegExp(`, ${summary[1]} policy tests\\)`));
});

test('a case whose expectation is wrong fails with the case, the expectation, the decision and the rule that made it', async () => {
  const repository = await copyOfExampleConfig({
    'tests/access.yaml': replaceOnce(
      'name: support never writes notes\n    principal: { id: sam, groups: [support] }\n    tool: notes__write_note\n    arguments: { title: Escalation, body: Customer is waiting., notebook: support-escalations }\n    expect: { outcome: deny, rule: default }',
      'name: support never writes notes\n    principal: { id: sam, groups: [support] }\n    tool: notes__read_note\n    arguments: { id: n1 }\n    expect: { outcome: deny, rule: default }',
    ),
  });
  try {
    const result = await runCli(['test', repository.folder]);
    assert.equal(result.exitCode, 1, result.stdout);
    assert.match(result.stdout, /FAIL {4}tests\/access\.yaml:\d+ {2}support never writes notes\n {10}expected deny by default, got allow by rule support-read \(policies\/support\.yaml\)\n {10}hint: if the change is intended, expect \{ outcome: allow, rule: support-read \}; otherwise fix rule support-read in policies\/support\.yaml\n/);
    assert.match(result.stdout, /cases: \d+ passed, 1 failed, 0 invalid$/m);

    // validate fails on it too, at the line of the case's expectation.
    const validate = await runCli(['validate', repository.folder, '--format', 'json']);
    assert.equal(validate.exitCode, 1);
    const issues = (JSON.parse(validate.stdout) as { issues: { code: string; file: string; line: number; path: string; message: string }[] }).issues.filter((issue) => issue.code === 'PCX_ERR_POLICY_TEST_FAILED');
    assert.equal(issues.length, 1);
    const text = await readFile(path.join(repository.folder, 'tests/access.yaml'), 'utf8');
    const expectLine = text.split('\n').findIndex((line, index, lines) => line.includes('expect: { outcome: deny, rule: default }') && lines[index - 2]?.includes('notes__read_note')) + 1;
    assert.deepEqual({ file: issues[0]!.file, line: issues[0]!.line }, { file: 'tests/access.yaml', line: expectLine });
    assert.match(issues[0]!.path, /^cases\[\d+\]\.expect$/);

    // Under GitHub Actions the failure is an annotation on that line.
    const github = await runCli(['test', repository.folder], { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: path.dirname(repository.folder) });
    assert.match(github.stdout, new RegExp(`^::error file=config/tests/access\\.yaml,line=${expectLine},col=\\d+,title=PCX_ERR_POLICY_TEST_FAILED::cases\\[\\d+\\]\\.expect: case "support never writes notes": expected deny by default, got allow`, 'm'));
  } finally {
    await repository.remove();
  }
});

test('a policy change that breaks intended access is caught by the suite: removing the write-scope deny', async () => {
  const repository = await copyOfExampleConfig({
    'policies/engineering.yaml': replaceOnce('    effect: deny\n    subjects:\n      groups: [engineering]\n    servers: [notes]\n    tools: [write_note]', '    effect: deny\n    subjects:\n      groups: [nobody-yet]\n    servers: [notes]\n    tools: [write_note]'),
    'portcullis.yaml': replaceOnce('groups:\n  engineering:', 'groups:\n  nobody-yet:\n    description: No members.\n  engineering:'),
  });
  try {
    const result = await runCli(['test', repository.folder, '--format', 'json']);
    assert.equal(result.exitCode, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const failed = report.results.filter((entry) => entry.status === 'failed');
    assert.deepEqual(
      failed.map((entry) => [entry.name, entry.actual?.outcome, entry.actual?.rule]),
      [["engineers cannot write into another team's notebook", 'allow', 'engineering-notes']],
    );
  } finally {
    await repository.remove();
  }
});

test('a guardrail switched to monitor lets the secret through, and the block case says so', async () => {
  const repository = await copyOfExampleConfig({
    'guardrails/baseline.yaml': replaceOnce('      type: secrets\n    action: block\n', '      type: secrets\n    action: block\n    mode: monitor\n'),
  });
  try {
    const result = await runCli(['test', repository.folder, '--format', 'json']);
    assert.equal(result.exitCode, 1);
    const failed = (JSON.parse(result.stdout) as JsonReport).results.filter((entry) => entry.status === 'failed');
    assert.deepEqual(
      failed.map((entry) => [entry.name, entry.expected.outcome, entry.actual?.outcome]),
      [["a credential in a tool call's arguments is blocked", 'block', 'allow']],
    );
  } finally {
    await repository.remove();
  }
});

test('cases that cannot run as written are reported where they stand, with what to do', async () => {
  const repository = await copyOfExampleConfig({
    'tests/broken.yaml': () =>
      [
        'cases:',
        '  - name: no target',
        '    principal: { id: a, groups: [engineering] }',
        '    expect: allow',
        '  - name: two targets',
        '    principal: { id: a }',
        '    tool: notes__read_note',
        '    prompt: notes__summarize_notes',
        '    expect: allow',
        '  - name: a group nobody declared',
        '    principal: { id: a, groups: [engineering, enginering] }',
        '    tool: notes__read_note',
        '    expect: allow',
        '  - name: a tool no server has',
        '    principal: { id: a }',
        '    tool: jira__create_issue',
        '    expect: deny',
        '  - name: a resource with arguments',
        '    principal: { id: a }',
        '    resource: notes://note/n1',
        '    server: notes',
        '    arguments: { id: n1 }',
        '    expect: deny',
        '',
      ].join('\n'),
  });
  try {
    const result = await runCli(['validate', repository.folder, '--format', 'json']);
    assert.equal(result.exitCode, 1);
    const issues = (JSON.parse(result.stdout) as { issues: { code: string; file: string; line: number; path: string; message: string; suggestion?: string }[] }).issues.filter((issue) => issue.file === 'tests/broken.yaml');
    assert.deepEqual(
      issues.map((issue) => [issue.code, issue.line, issue.path]),
      [
        ['PCX_ERR_POLICY_TEST_INVALID', 2, 'cases[0]'],
        ['PCX_ERR_POLICY_TEST_INVALID', 5, 'cases[1]'],
        ['PCX_ERR_POLICY_TEST_INVALID', 11, 'cases[2].principal.groups[1]'],
        ['PCX_ERR_POLICY_TEST_INVALID', 16, 'cases[3].tool'],
        ['PCX_ERR_POLICY_TEST_INVALID', 22, 'cases[4].arguments'],
      ],
    );
    assert.match(issues[1]!.message, /names tool and prompt; a case asks for one thing/);
    assert.match(issues[2]!.message, /group `enginering` is not declared/);
    assert.match(issues[2]!.suggestion!, /declared groups: .*engineering/);
    assert.match(issues[3]!.message, /no server exposes tool `jira__create_issue`: name it as clients see it \((docs__, notes__|notes__, docs__)…\)/);
  } finally {
    await repository.remove();
  }
});

test('a mistyped key in a test file is a schema error with the fix; a repository without tests says how to add them', async () => {
  const repository = await copyOfExampleConfig({ 'tests/guardrails.yaml': replaceOnce('    expect: allow\n', '    expects: allow\n') });
  try {
    const result = await runCli(['test', repository.folder]);
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /tests\/guardrails\.yaml:\d+:\d+: error PCX_ERR_UNKNOWN_KEY at cases\[\d+\]\.expects/);
    assert.match(result.stdout, /did you mean `expect`\?/);
    assert.match(result.stdout, /no case ran/);
  } finally {
    await repository.remove();
  }
  const bare = await copyOfExampleConfig({});
  try {
    await rm(path.join(bare.folder, 'tests'), { recursive: true });
    const result = await runCli(['test', bare.folder]);
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^no policy tests in .* \(put cases in tests\/\*\.yaml; docs\/gitops\.md shows how\)$/m);
  } finally {
    await bare.remove();
  }
});
