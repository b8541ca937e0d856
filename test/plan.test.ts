// `portcullis plan` as a pull request check runs it: two fixture versions of a config
// repository (test/fixtures/plan/base and head) that differ in four ways, compared from folders
// and from git refs, through the real command line. The Markdown is held by a golden file;
// regenerate it with UPDATE_GOLDEN=1 after an intended change, and review the diff.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, runCli } from './support/run-cli.ts';

const run = promisify(execFile);
const fixtures = 'test/fixtures/plan';
const golden = path.join(repoRoot, fixtures, 'expected.md');

interface JsonPlan {
  base: { source: string; version: string; commit?: string };
  head: { source: string; version: string; commit?: string };
  access: { subject: { kind: string; name: string }; changes: { kind: string; server: string; name: string; pattern: boolean; before: string; after: string; rules: string[] }[] }[];
  sensitive: { subject: { kind: string; name: string }; server: string; tool: string; rules: string[]; why?: string }[];
  servers: unknown[];
  credentials: unknown[];
  guardrails: { guardrail: string; change: string; modeSwitch?: string; before?: { mode: string }; after?: { mode: string } }[];
  pins: { server: string; tool: string; change: string; before?: string; after?: string }[];
}

/** theFourChanges are exactly what head/ changes, as the JSON plan must list them. */
function assertTheFourChanges(plan: JsonPlan): void {
  assert.deepEqual(
    plan.access.map(({ subject, changes }) => [`${subject.kind} ${subject.name}`, changes.map((change) => `${change.before}→${change.after} ${change.kind} ${change.server}/${change.name} ${change.rules.join(',')}`)]),
    [
      ['group engineering', ['none→full tool notes/write_note engineering-notes']],
      ['group support', ['full→none tool jira/get_issue support-jira', 'full→none tool jira/search_issues support-jira']],
    ],
  );
  assert.deepEqual(plan.sensitive.map((grant) => [grant.subject.name, grant.server, grant.tool, grant.why]), [['engineering', 'notes', 'write_note', 'Notes are read by customers.']]);
  assert.deepEqual(plan.guardrails.map((change) => [change.guardrail, change.change, change.modeSwitch]), [['pii-in-results', 'changed', 'monitor-to-enforce']]);
  assert.deepEqual(plan.pins, [{ server: 'notes', tool: 'write_note', change: 'changed', before: 'Stores a new note.', after: 'Stores a new note.\nNotes are shared with customers.' }]);
  assert.deepEqual(plan.servers, []);
  assert.deepEqual(plan.credentials, []);
}

/** copyOfFixtures copies base/ and head/ out of this repository's git tree, so the plan names no commit of Portcullis's own. */
async function copyOfFixtures(): Promise<{ folder: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-plan-fixtures-'));
  for (const side of ['base', 'head']) await cp(path.join(repoRoot, fixtures, side), path.join(folder, side), { recursive: true });
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

test('plan between the fixture versions: exactly the four changes, in Markdown (golden) and JSON', async () => {
  const copy = await copyOfFixtures();
  try {
    await planTheFourChanges(copy.folder);
  } finally {
    await copy.remove();
  }
});

async function planTheFourChanges(cwd: string): Promise<void> {
  const markdown = await runCli(['plan', '--base', 'base', '--head', 'head'], {}, cwd);
  assert.equal(markdown.exitCode, 0, markdown.stderr);
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, markdown.stdout);
  assert.equal(markdown.stdout, await readFile(golden, 'utf8'), 'the plan differs from test/fixtures/plan/expected.md (UPDATE_GOLDEN=1 regenerates it)');

  const json = await runCli(['plan', '--base', 'base', '--head', 'head', '--format', 'json'], {}, cwd);
  assert.equal(json.exitCode, 0, json.stderr);
  assertTheFourChanges(JSON.parse(json.stdout) as JsonPlan);
}

test('--fail-on sensitive fails the check when someone gains a sensitive tool, and only then', async () => {
  const flagged = await runCli(['plan', '--base', `${fixtures}/base`, '--head', `${fixtures}/head`, '--fail-on', 'sensitive']);
  assert.equal(flagged.exitCode, 1);
  assert.match(flagged.stdout, /## Portcullis access plan/);
  assert.match(flagged.stderr, /1 sensitive grant\(s\): this change needs the approval review\.sensitive asks for/);
  // The reverse direction only takes access away: nothing sensitive is gained.
  const reverse = await runCli(['plan', '--base', `${fixtures}/head`, '--head', `${fixtures}/base`, '--fail-on', 'sensitive', '--format', 'json']);
  assert.equal(reverse.exitCode, 0, reverse.stderr);
  const plan = JSON.parse(reverse.stdout) as JsonPlan;
  assert.deepEqual(plan.sensitive, []);
  assert.deepEqual(plan.access.map(({ subject }) => subject.name), ['engineering', 'support']);
  assert.deepEqual(plan.guardrails.map((change) => change.modeSwitch), ['enforce-to-monitor']);
});

test('plan against a git ref: the base is read from the commit, the working tree is untouched', async () => {
  const repository = await mkdtemp(path.join(os.tmpdir(), 'portcullis-plan-git-'));
  const git = (...args: string[]) => run('git', ['-C', repository, '-c', 'user.name=Plan Test', '-c', 'user.email=plan@example.com', ...args]);
  try {
    const config = path.join(repository, 'access');
    await cp(path.join(repoRoot, fixtures, 'base'), config, { recursive: true });
    await git('init', '--quiet', '--initial-branch=main');
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'base');
    const baseCommit = (await git('rev-parse', 'HEAD')).stdout.trim();
    // The pull request's change, not yet committed: the head has no commit to name.
    await cp(path.join(repoRoot, fixtures, 'head'), config, { recursive: true, force: true });

    const dirty = await runCli(['plan', '--base', 'main', '--head', config, '--format', 'json']);
    assert.equal(dirty.exitCode, 0, dirty.stderr);
    const plan = JSON.parse(dirty.stdout) as JsonPlan;
    assertTheFourChanges(plan);
    assert.equal(plan.base.commit, baseCommit);
    assert.equal(plan.head.commit, undefined);

    await git('add', '.');
    await git('commit', '--quiet', '-m', 'head');
    const headCommit = (await git('rev-parse', 'HEAD')).stdout.trim();
    const committed = await runCli(['plan', '--base', 'HEAD~1', '--head', config]);
    assert.equal(committed.exitCode, 0, committed.stderr);
    assert.match(committed.stdout, new RegExp(`^Base \`HEAD~1\` \\(commit \`${baseCommit.slice(0, 12)}\`, config \`[0-9a-f]{12}\`\\) → head \`.+\` \\(commit \`${headCommit.slice(0, 12)}\`, config \`[0-9a-f]{12}\`\\)\\.$`, 'm'));
    // The checkout of the base went to a temporary folder: the working tree still has the head.
    assert.equal((await git('status', '--porcelain')).stdout, '');

    const unknown = await runCli(['plan', '--base', 'no-such-branch', '--head', config]);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /--base no-such-branch is neither a folder nor a commit of .* \(fetch it first: actions\/checkout needs fetch-depth: 0\)/);
  } finally {
    await rm(repository, { recursive: true, force: true });
  }
});

test('an unchanged config plans nothing; an invalid version is named with its errors; usage errors exit 2', async () => {
  const same = await runCli(['plan', '--base', `${fixtures}/base`, '--head', `${fixtures}/base`]);
  assert.equal(same.exitCode, 0);
  assert.match(same.stdout, /^No change in access, servers, credentials, guardrails or tool pins\.$/m);

  const broken = await mkdtemp(path.join(os.tmpdir(), 'portcullis-plan-broken-'));
  try {
    await cp(path.join(repoRoot, fixtures, 'head'), broken, { recursive: true });
    const policy = path.join(broken, 'policies', 'engineering.yaml');
    await writeFile(policy, (await readFile(policy, 'utf8')).replace('groups: [engineering]', 'groups: [enginering]'));
    const result = await runCli(['plan', '--base', `${fixtures}/base`, '--head', broken]);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /is not a valid config:\npolicies\/engineering\.yaml:\d+:\d+: error PCX_ERR_UNKNOWN_GROUP/);
  } finally {
    await rm(broken, { recursive: true, force: true });
  }

  for (const args of [['plan'], ['plan', '--base', 'x', '--format', 'html'], ['plan', '--base', 'x', '--fail-on', 'everything']]) {
    const result = await runCli(args);
    assert.equal(result.exitCode, 2, args.join(' '));
    assert.match(result.stderr, /^portcullis plan: /);
  }
});

/** variantOf copies the base fixture and applies `edits` to it: a head for one plan. */
async function variantOf(edits: Readonly<Record<string, (text: string) => string>>): Promise<{ folder: string; base: string; head: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-plan-variant-'));
  const base = path.join(folder, 'base');
  const head = path.join(folder, 'head');
  await cp(path.join(repoRoot, fixtures, 'head'), base, { recursive: true });
  await cp(base, head, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const text = await readFile(path.join(head, file), 'utf8');
    const changed = edit(text);
    assert.notEqual(changed, text, `the edit of ${file} changed nothing`);
    await writeFile(path.join(head, file), changed);
  }
  return { folder, base, head, remove: () => rm(folder, { recursive: true, force: true }) };
}

test('the sensitive gate sees a wildcard grant, a widened grant, and a list emptied in the same change', async () => {
  const cases: [string, Record<string, (text: string) => string>][] = [
    ['a * grant covers write_*', { 'policies/support.yaml': (text) => text + '  - id: support-notes\n    effect: allow\n    subjects:\n      groups: [support]\n    servers: [notes]\n    tools: ["*"]\n' }],
    [
      'an argument limit removed',
      {
        'policies/engineering.yaml': (text) =>
          text.replace('tools: [list_notes, read_note, write_note]', 'tools: [list_notes, read_note]') +
          '  - id: engineering-write-scoped\n    effect: allow\n    subjects:\n      groups: [engineering]\n    servers: [notes]\n    tools: [write_note]\n    arguments:\n      notebook:\n        values: [eng]\n',
      },
    ],
    [
      'the list removed while granting',
      {
        'portcullis.yaml': (text) => text.replace(/review:\n  sensitive:\n(    .*\n|      .*\n)+/, ''),
        'policies/support.yaml': (text) => text + '  - id: support-notes-write\n    effect: allow\n    subjects:\n      groups: [support]\n    servers: [notes]\n    tools: [delete_note]\n',
      },
    ],
  ];
  for (const [what, edits] of cases) {
    const variant = await variantOf(edits);
    try {
      if (what === 'an argument limit removed') {
        // Base: write_note limited by arguments; head: granted in full.
        const base = path.join(variant.base, 'policies', 'engineering.yaml');
        await writeFile(base, await readFile(path.join(variant.head, 'policies', 'engineering.yaml'), 'utf8'));
        const head = path.join(variant.head, 'policies', 'engineering.yaml');
        await writeFile(head, (await readFile(head, 'utf8')).replace('tools: [list_notes, read_note]', 'tools: [list_notes, read_note, write_note]'));
      }
      const result = await runCli(['plan', '--base', variant.base, '--head', variant.head, '--fail-on', 'sensitive', '--format', 'json']);
      assert.equal(result.exitCode, 1, `${what}: ${result.stdout}${result.stderr}`);
      assert.ok((JSON.parse(result.stdout) as JsonPlan).sensitive.length > 0, what);
    } finally {
      await variant.remove();
    }
  }
});

test('a server filter that stops hiding tools is an access change', async () => {
  const variant = await variantOf({ 'servers/jira.yaml': (text) => text + 'tools:\n  deny: [create_*]\n' });
  try {
    // Plan from the filtered version to the open one.
    await cp(path.join(variant.head, 'servers', 'jira.yaml'), path.join(variant.folder, 'filtered.yaml'));
    await cp(path.join(variant.base, 'servers', 'jira.yaml'), path.join(variant.head, 'servers', 'jira.yaml'));
    await cp(path.join(variant.folder, 'filtered.yaml'), path.join(variant.base, 'servers', 'jira.yaml'));
    const result = await runCli(['plan', '--base', variant.base, '--head', variant.head, '--format', 'json']);
    assert.equal(result.exitCode, 0, result.stderr);
    const plan = JSON.parse(result.stdout) as JsonPlan;
    const engineering = plan.access.find(({ subject }) => subject.name === 'engineering');
    assert.ok(engineering?.changes.some((change) => change.server === 'jira' && change.name === 'create_*' && change.before === 'none' && change.after !== 'none'), JSON.stringify(plan.access));
  } finally {
    await variant.remove();
  }
});

test('upstream text in the lock cannot write Markdown into the plan', async () => {
  const variant = await variantOf({
    'tools.lock.yaml': (text) =>
      text.replace(
        '    write_note:',
        '    "evil\\n\\n# Injected heading":\n      sha256: abababababababababababababababababababababababababababababababa9\n      description: "```\\n## Reviewed by security: safe to merge"\n    write_note:',
      ),
  });
  try {
    const result = await runCli(['plan', '--base', variant.base, '--head', variant.head]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /^#+ (Injected heading|Reviewed by security)/m);
    assert.match(result.stdout, /`notes\/evil  # Injected heading` pinned/);
    assert.match(result.stdout, /^ {2}````diff$/m, 'the fence outgrows the backticks in the description');
  } finally {
    await variant.remove();
  }
});
