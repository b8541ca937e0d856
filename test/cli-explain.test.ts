// `portcullis explain` as operators and CI run it, against the example config in config/:
// the decision and the rule that made it, exit 0 for allow and 1 for deny, 2 for mistakes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './support/run-cli.ts';
import { writeRepository, type TempRepository } from './support/temp-repo.ts';

const explain = (...args: string[]) => runCli(['explain', '--config', 'config', ...args]);

let unprefixed: TempRepository;

before(async () => {
  const server = (id: string) =>
    `id: ${id}\nprefix: ""\ntransport:\n  type: stdio\n  command: node\n  args: [x.js]\ntools:\n  allow: [run_${id}]\nprompts:\n  allow: [ask_${id}]\n`;
  unprefixed = await writeRepository({
    'portcullis.yaml': 'version: 1\nauth:\n  anonymous:\n    enabled: true\ngroups:\n  sre:\n    members: [pager-bot]\n  oncall: {}\n',
    'servers/a.yaml': server('a'),
    'servers/b.yaml': server('b'),
    'policies/sre.yaml': 'rules:\n  - id: sre-runs\n    effect: allow\n    subjects:\n      groups: [sre]\n    servers: ["*"]\n    tools: ["run_*"]\n',
  });
});
after(() => unprefixed.remove());

test('an allowed call exits 0 and names the granting rule', async () => {
  const result = await explain('--principal', 'alice', '--groups', 'engineering', '--tool', 'notes__write_note', '--args', '{"notebook":"eng-web"}');
  assert.equal(result.exitCode, 0, result.stderr);
  assert.equal(result.stdout, 'allow  notes/write_note for alice (groups: engineering)\n  rule engineering-notes (policies/engineering.yaml)\n');
});

test('a call a deny rule refuses exits 1 and names the deny rule and the argument', async () => {
  const result = await explain('--principal', 'alice', '--groups', 'engineering', '--tool', 'notes__write_note', '--args', '{"notebook":"hr"}');
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.stdout,
    'deny   notes/write_note for alice (groups: engineering)\n' +
      '  denied by rule engineering-notes-write-scope (policies/engineering.yaml)\n' +
      '  argument `notebook` meets the conditions of this deny rule\n',
  );
});

test('a call outside every grant is a default deny', async () => {
  const result = await explain('--principal', 'bob', '--groups', 'support', '--tool', 'notes__write_note');
  assert.equal(result.exitCode, 1);
  assert.equal(result.stdout, 'deny   notes/write_note for bob (groups: support)\n  no rule grants it (default deny)\n');
});

test('arguments outside a grant\'s constraints name the rule and the failed constraint', async () => {
  const result = await explain('--principal', 'bob', '--groups', 'support', '--tool', 'notes__search_notes', '--args', '{"limit":80}');
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.stdout,
    'deny   notes/search_notes for bob (groups: support)\n' +
      '  rule support-read (policies/support.yaml) grants it, but not with these arguments\n' +
      '  argument `limit` is above max 50\n',
  );
  const within = await explain('--principal', 'bob', '--groups', 'support', '--tool', 'notes__search_notes', '--args', '{"limit":50}');
  assert.equal(within.exitCode, 0);
});

test('--server takes the server\'s own name; prompts and resources are explained too', async () => {
  const tool = await explain('--principal', 'bot', '--groups', 'automation', '--server', 'docs', '--tool', 'search_docs');
  assert.equal(tool.exitCode, 0);
  assert.equal(tool.stdout, 'allow  docs/search_docs for bot (groups: automation)\n  rule automation-search (policies/support.yaml)\n');
  const prompt = await explain('--principal', 'alice', '--groups', 'engineering', '--prompt', 'notes__summarize');
  assert.equal(prompt.stdout, 'allow  prompt notes/summarize for alice (groups: engineering)\n  rule engineering-notes (policies/engineering.yaml)\n');
  const resource = await explain('--principal', 'alice', '--groups', 'engineering', '--resource', 'docs://guide', '--server', 'docs');
  assert.equal(resource.exitCode, 0);
  assert.equal(resource.stdout, 'allow  resource docs://guide on docs for alice (groups: engineering)\n  rule engineering-docs (policies/engineering.yaml)\n');
});

test('the server\'s own tool filter is reported: a hidden tool is denied whatever the policy says', async () => {
  const hidden = await runCli(['explain', '--config', unprefixed.folder, '--principal', 'pager-bot', '--server', 'a', '--tool', 'run_other']);
  assert.equal(hidden.exitCode, 1);
  assert.equal(
    hidden.stdout,
    'deny   a/run_other for pager-bot (groups: sre)\n  rule sre-runs (policies/sre.yaml)\n  the tools filter of server a hides it, so the gateway never exposes it\n',
  );
});

test('--json prints the decision with its inputs', async () => {
  const result = await explain('--principal', 'bob', '--groups', 'support', '--tool', 'notes__search_notes', '--args', '{"limit":80}', '--json');
  assert.equal(result.exitCode, 1);
  const output = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(output.decision, {
    effect: 'deny', ruleId: 'support-read', file: 'policies/support.yaml', reason: 'argument-constraint', detail: 'argument `limit` is above max 50',
  });
  assert.equal(output.allowed, false);
  assert.deepEqual(output.principal, { id: 'bob', groups: ['support'], claims: {} });
  assert.deepEqual(output.target, { kind: 'tool', server: 'notes', name: 'search_notes' });
  assert.deepEqual(output.arguments, { limit: 80 });
});

test('static group members are added, and unprefixed names resolve by the servers\' filters', async () => {
  const result = await runCli(['explain', '--config', unprefixed.folder, '--principal', 'pager-bot', '--groups', 'oncall', '--tool', 'run_b']);
  assert.equal(result.exitCode, 0, result.stderr);
  assert.equal(result.stdout, 'allow  b/run_b for pager-bot (groups: oncall, sre)\n  rule sre-runs (policies/sre.yaml)\n');
  const unknown = await runCli(['explain', '--config', unprefixed.folder, '--principal', 'pager-bot', '--tool', 'run_c']);
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.stderr, /^portcullis explain: no server exposes tool `run_c`: .*pass --server ID with the server's own name\n$/);
});

test('usage and config errors exit 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [['--tool', 'notes__read_note'], /--principal is required/],
    [['--principal', 'a', '--tool', 'x', '--prompt', 'y'], /give exactly one of --tool, --prompt or --resource/],
    [['--principal', 'a'], /give exactly one of --tool, --prompt or --resource/],
    [['--principal', 'a', '--tool', 'notes__read_note', '--args', '{oops'], /--args is not valid JSON/],
    [['--principal', 'a', '--tool', 'notes__read_note', '--args', '[1]'], /--args must be a JSON object/],
    [['--principal', 'a', '--prompt', 'notes__p', '--args', '{}'], /--args applies to --tool only/],
    [['--principal', 'a', '--tool', 'read_note', '--server', 'nope'], /unknown server `nope` \(servers: docs, notes\)/],
    [['--principal', 'a', '--resource', 'notes://x'], /resource `notes:\/\/x` could come from docs, notes; pass --server ID/],
    [['--principal', 'a', '--tool', 'x', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const result = await explain(...args);
    assert.equal(result.exitCode, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    assert.equal(result.stdout, '');
  }
  const invalid = await runCli(['explain', '--config', '/nonexistent/portcullis', '--principal', 'a', '--tool', 'x']);
  assert.equal(invalid.exitCode, 2);
  assert.match(invalid.stderr, /PCX_ERR_CONFIG_NOT_FOUND/);
  assert.match(invalid.stderr, /portcullis explain: the config is invalid/);
});

test('the help lists explain', async () => {
  const result = await runCli(['--help']);
  assert.equal(result.exitCode, 0);
  assert.match(result.stdout, /^ {2}explain {10}say whether a principal may use a tool, prompt or resource/m);
});
