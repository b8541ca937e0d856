// The authorization engine: who may call, get or read what, which rule decides, how argument
// constraints and schema narrowing behave, and that principals matching the same rules share
// one profile. Runtimes are compiled from YAML with the same code path the gateway uses.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../gateway/auth/principal.ts';
import { loadConfig } from '../gateway/config/load-config.ts';
import { AccessPolicy } from '../gateway/policy/access-policy.ts';
import { compile } from '../gateway/runtime/compile.ts';
import type { PolicyRuleRuntime, PolicyRuntime, Runtime } from '../gateway/runtime/runtime.ts';
import { compileNameMatcher } from '../gateway/matching/name-matcher.ts';
import { writeRepository } from './support/temp-repo.ts';

const root = `version: 1
auth:
  anonymous:
    enabled: true
    principal: guest
    groups: [visitors]
groups:
  engineering: {}
  support: {}
  data: {}
  contractors: {}
  visitors: {}
  sre:
    members: [pager-bot]
`;

const server = (id: string, extra = ''): string => `id: ${id}\ntransport:\n  type: stdio\n  command: node\n  args: [x.js]\n${extra}`;

const policy = `rules:
  - id: engineering-notes
    effect: allow
    subjects:
      groups: [engineering]
    servers: [notes]
    tools: [list_notes, read_note, write_note, delete_note]
    prompts: ["*"]
    resources: ["notes://*"]

  - id: engineering-notes-write-scope
    effect: deny
    subjects:
      groups: [engineering]
    servers: [notes]
    tools: [write_note]
    arguments:
      notebook:
        pattern: "^(?!eng-)"

  - id: contractors-no-deletes
    effect: deny
    subjects:
      groups: [contractors]
    servers: ["*"]
    tools: [delete_*]
    prompts: [secret_*]
    resources: ["notes://private/*"]

  - id: github-read
    effect: allow
    subjects:
      groups: [engineering, contractors]
    servers: [github]
    tools: [get_*, list_*]

  - id: github-write-own-orgs
    effect: allow
    subjects:
      groups: [engineering]
    servers: [github]
    tools: [create_issue, create_pull_request]
    arguments:
      owner:
        values: [acme, acme-oss]
      title:
        maxLength: 10

  - id: github-write-sandbox
    effect: allow
    subjects:
      groups: [contractors]
    servers: [github]
    tools: [create_issue]
    arguments:
      owner:
        values: [sandbox]

  - id: no-push-to-main
    effect: deny
    subjects:
      users: ["*"]
    servers: [github]
    tools: [push_files, create_pull_request]
    arguments:
      branch:
        values: [main, master]
        optional: true

  - id: everyone-searches
    effect: allow
    subjects:
      users: ["*"]
    servers: [github]
    tools: [search_*]

  - id: release-bot
    effect: allow
    subjects:
      users: [svc-release]
    servers: [github]
    tools: [push_files]

  - id: gold-tier-wiki
    effect: allow
    subjects:
      claims:
        org.tier: [gold, platinum]
        realm_access.roles: [wiki-reader]
    servers: [notes]
    tools: [read_note]

  - id: sre-everything
    effect: allow
    subjects:
      groups: [sre]
    servers: [notes]
    tools: ["*"]

  - id: warehouse-query
    effect: allow
    subjects:
      groups: [data]
    servers: [warehouse]
    tools: [run_query]
    arguments:
      database:
        values: [analytics, reporting]
      sql:
        maxLength: 5
      limit:
        min: 1
        max: 100
        optional: true

  - id: warehouse-query-archive
    effect: allow
    subjects:
      groups: [data]
    servers: [warehouse]
    tools: [run_query]
    arguments:
      database:
        values: [archive, 7, true]
      limit:
        min: 10
        max: 500

  - id: warehouse-export
    effect: allow
    subjects:
      groups: [data]
    servers: [warehouse]
    tools: [export_csv]
    arguments:
      destination:
        prefix: "s3://acme-exports/"
        pattern: '^s3://acme-exports/[a-z0-9/_-]{1,50}[.]csv$'
      columns:
        schema:
          type: array
          items: { type: string }
          maxItems: 2

  - id: warehouse-everything-for-support
    effect: allow
    subjects:
      groups: [support]
    servers: [warehouse]
    tools: [run_query]
`;

async function compileFiles(files: Record<string, string>): Promise<Runtime> {
  const repository = await writeRepository(files);
  try {
    const result = await loadConfig({ explicitPath: repository.folder });
    assert.ok(result.config, JSON.stringify(result.issues, null, 2));
    return compile(result.config, { environment: {} });
  } finally {
    await repository.remove();
  }
}

function principal(id: string, groups: readonly string[] = [], options: { claims?: Record<string, unknown>; method?: Principal['method'] } = {}): Principal {
  const method = options.method ?? 'jwt';
  return Object.freeze({ id, groups: [...groups].sort(), method, key: `${method}:${id}`, credentialId: null, attributes: new Map(), claims: options.claims ?? {}, scopes: [], expiresAt: null });
}

let runtime: Runtime;
let access: AccessPolicy;

before(async () => {
  runtime = await compileFiles({
    'portcullis.yaml': root,
    'servers/notes.yaml': server('notes'),
    'servers/github.yaml': server('github'),
    'servers/warehouse.yaml': server('warehouse'),
    'policies/rules.yaml': policy,
  });
  access = AccessPolicy.for(runtime);
});

const alice = principal('alice', ['engineering']);
const carol = principal('carol', ['contractors']);
const dana = principal('dana', ['data']);

test('AccessPolicy.for builds once per policy and a profile is cached per principal', () => {
  assert.equal(AccessPolicy.for(runtime), access);
  assert.equal(access.profile(alice), access.profile(alice));
});

test('a group rule grants, naming the rule and its file', () => {
  assert.deepEqual(access.profile(alice).decideTool('notes', 'read_note', {}), {
    effect: 'allow', ruleId: 'engineering-notes', file: 'policies/rules.yaml', reason: 'granted',
  });
  assert.equal(access.profile(alice).canSeeTool('notes', 'read_note'), true);
});

test('nothing granted is denied by default, with no rule', () => {
  const expected = { effect: 'deny', ruleId: null, file: null, reason: 'no-grant' };
  assert.deepEqual(access.profile(alice).decideTool('notes', 'export_all', {}), expected);
  assert.deepEqual(access.profile(carol).decideTool('notes', 'read_note', {}), expected, 'the rule is for another group');
  assert.deepEqual(access.profile(alice).decideTool('no-such-server', 'read_note', {}), expected);
  assert.deepEqual(access.profile(principal('nobody')).decideTool('github', 'get_issue', {}), expected);
  assert.equal(access.profile(alice).canSeeTool('notes', 'export_all'), false);
});

test('a deny beats an allow and names the deny rule', () => {
  const both = principal('eve', ['engineering', 'contractors']);
  assert.equal(access.profile(alice).decideTool('notes', 'delete_note', {}).effect, 'allow');
  assert.deepEqual(access.profile(both).decideTool('notes', 'delete_note', {}), {
    effect: 'deny', ruleId: 'contractors-no-deletes', file: 'policies/rules.yaml', reason: 'denied-by-rule',
  });
  assert.equal(access.profile(both).canSeeTool('notes', 'delete_note'), false);
});

test('globs grant by pattern over the server\'s own names', () => {
  const profile = access.profile(carol);
  assert.equal(profile.decideTool('github', 'get_issue', {}).ruleId, 'github-read');
  assert.equal(profile.decideTool('github', 'list_repos', {}).ruleId, 'github-read');
  assert.equal(profile.decideTool('github', 'github__get_issue', {}).effect, 'deny', 'prefixed names are not the server\'s own');
  assert.equal(profile.decideTool('github', 'merge_pr', {}).effect, 'deny');
});

test('users lists a principal by id, and * is every authenticated principal', () => {
  const bot = principal('svc-release');
  assert.equal(access.profile(bot).decideTool('github', 'push_files', { branch: 'feature' }).ruleId, 'release-bot');
  assert.equal(access.profile(principal('mallory')).decideTool('github', 'push_files', { branch: 'feature' }).effect, 'deny');
  assert.equal(access.profile(principal('anyone')).decideTool('github', 'search_code', {}).ruleId, 'everyone-searches');
});

test('anonymous access is not authenticated: * grants it nothing, but a deny for * still binds it', () => {
  const guest = principal('svc-release', [], { method: 'anonymous' });
  assert.equal(access.profile(guest).decideTool('github', 'search_code', {}).effect, 'deny');
  // Listed by id, the anonymous principal is granted, and the deny for everyone still applies.
  assert.equal(access.profile(guest).decideTool('github', 'push_files', { branch: 'dev' }).ruleId, 'release-bot');
  assert.equal(access.profile(guest).decideTool('github', 'push_files', { branch: 'main' }).ruleId, 'no-push-to-main');
});

test('claim subjects match by dotted path, strings or arrays, and need every listed claim', () => {
  const gold = principal('gina', [], { claims: { org: { tier: 'gold' }, realm_access: { roles: ['user', 'wiki-reader'] } } });
  assert.equal(access.profile(gold).decideTool('notes', 'read_note', {}).ruleId, 'gold-tier-wiki');
  const silver = principal('sam', [], { claims: { org: { tier: 'silver' }, realm_access: { roles: ['wiki-reader'] } } });
  assert.equal(access.profile(silver).decideTool('notes', 'read_note', {}).effect, 'deny', 'wrong value');
  const partial = principal('pat', [], { claims: { org: { tier: 'platinum' } } });
  assert.equal(access.profile(partial).decideTool('notes', 'read_note', {}).effect, 'deny', 'one claim missing');
  const flat = principal('fay', [], { claims: { 'org.tier': 'gold', realm_access: { roles: 'wiki-reader' } } });
  assert.equal(access.profile(flat).decideTool('notes', 'read_note', {}).effect, 'deny', 'a dotted key is not a path');
});

test('the principal\'s groups are taken as given (authentication has added static members)', () => {
  assert.equal(access.profile(principal('pager-bot', ['sre'])).decideTool('notes', 'anything', {}).ruleId, 'sre-everything');
});

test('a conditional deny denies only calls meeting its constraints (the example config\'s write scope)', () => {
  const profile = access.profile(alice);
  assert.deepEqual(profile.decideTool('notes', 'write_note', { notebook: 'hr' }), {
    effect: 'deny', ruleId: 'engineering-notes-write-scope', file: 'policies/rules.yaml', reason: 'denied-by-rule',
    detail: 'argument `notebook` meets the conditions of this deny rule',
  });
  assert.equal(profile.decideTool('notes', 'write_note', { notebook: 'eng-web' }).ruleId, 'engineering-notes');
  assert.equal(profile.decideTool('notes', 'write_note', {}).effect, 'allow', 'a missing argument escapes a non-optional deny');
  assert.equal(profile.decideTool('notes', 'write_note', { notebook: 42 }).effect, 'allow', 'a wrong type does not meet the deny');
  assert.equal(profile.canSeeTool('notes', 'write_note'), true, 'a conditional deny does not hide the tool');
});

test('an optional constraint on a deny catches the omitted argument, and null counts as omitted', () => {
  const profile = access.profile(alice);
  for (const args of [{}, undefined, { branch: null }, { branch: 'main' }]) {
    assert.equal(profile.decideTool('github', 'create_pull_request', { owner: 'acme', title: 'x', ...args }).ruleId, 'no-push-to-main', JSON.stringify(args));
  }
  assert.equal(profile.decideTool('github', 'create_pull_request', { owner: 'acme', title: 'x', branch: 'topic' }).ruleId, 'github-write-own-orgs');
});

test('values: allowed values pass, others and other types are refused, naming the first allow rule', () => {
  const profile = access.profile(alice);
  assert.equal(profile.decideTool('github', 'create_issue', { owner: 'acme-oss', title: 'bug' }).ruleId, 'github-write-own-orgs');
  assert.deepEqual(profile.decideTool('github', 'create_issue', { owner: 'evil', title: 'bug' }), {
    effect: 'deny', ruleId: 'github-write-own-orgs', file: 'policies/rules.yaml', reason: 'argument-constraint',
    detail: 'argument `owner` is not one of the allowed values',
  });
  const archive = access.profile(dana);
  assert.equal(archive.decideTool('warehouse', 'run_query', { database: 7, limit: 10 }).ruleId, 'warehouse-query-archive');
  assert.equal(archive.decideTool('warehouse', 'run_query', { database: '7', limit: 10 }).effect, 'deny', '"7" is not 7');
  assert.equal(archive.decideTool('warehouse', 'run_query', { database: true, limit: 10 }).effect, 'allow');
  assert.equal(archive.decideTool('warehouse', 'run_query', { database: 'true', limit: 10 }).effect, 'deny');
});

test('a call refused by one conditional allow may be granted by another', () => {
  const both = principal('eli', ['engineering', 'contractors']);
  assert.equal(access.profile(both).decideTool('github', 'create_issue', { owner: 'sandbox' }).ruleId, 'github-write-sandbox');
  const refused = access.profile(both).decideTool('github', 'create_issue', { owner: 'elsewhere', title: 'x' });
  assert.equal(refused.reason, 'argument-constraint');
  assert.equal(refused.ruleId, 'github-write-own-orgs', 'the first allow rule in policy order');
});

test('missing arguments fail unless optional', () => {
  const profile = access.profile(dana);
  assert.equal(profile.decideTool('warehouse', 'run_query', { database: 'analytics', sql: 'q' }).ruleId, 'warehouse-query', 'limit is optional');
  assert.deepEqual(profile.decideTool('warehouse', 'run_query', { sql: 'q' }), {
    effect: 'deny', ruleId: 'warehouse-query', file: 'policies/rules.yaml', reason: 'argument-constraint', detail: 'argument `database` is missing',
  });
  assert.equal(profile.decideTool('warehouse', 'run_query', undefined).reason, 'argument-constraint');
  assert.equal(profile.decideTool('warehouse', 'run_query', { database: 'analytics', sql: 'q', limit: null }).effect, 'allow', 'null is omitted');
});

test('min and max take finite numbers only', () => {
  const profile = access.profile(dana);
  const call = (limit: unknown) => profile.decideTool('warehouse', 'run_query', { database: 'analytics', sql: 'q', limit });
  assert.equal(call(1).effect, 'allow');
  assert.equal(call(100).effect, 'allow');
  assert.equal(call(0).detail, 'argument `limit` is below min 1');
  assert.equal(call(101).detail, 'argument `limit` is above max 100');
  assert.equal(call('50').detail, 'argument `limit` is not a finite number (min)');
  assert.equal(call(Number.NaN).effect, 'deny');
  assert.equal(call(Number.POSITIVE_INFINITY).effect, 'deny');
});

test('maxLength counts code points and takes strings only', () => {
  const profile = access.profile(dana);
  const call = (sql: unknown) => profile.decideTool('warehouse', 'run_query', { database: 'analytics', sql });
  assert.equal(call('12345').effect, 'allow');
  assert.equal(call('😀😀😀😀😀').effect, 'allow', 'five code points, ten UTF-16 units');
  assert.equal(call('123456').detail, 'argument `sql` is longer than maxLength 5');
  assert.equal(call(12345).detail, 'argument `sql` is not a string (maxLength)');
});

test('prefix, pattern and schema constraints', () => {
  const profile = access.profile(dana);
  const call = (destination: unknown, columns: unknown = ['a']) => profile.decideTool('warehouse', 'export_csv', { destination, columns });
  assert.equal(call('s3://acme-exports/team/q1.csv').ruleId, 'warehouse-export');
  assert.equal(call('s3://other/q1.csv').detail, 'argument `destination` does not start with `s3://acme-exports/`');
  assert.equal(call('s3://acme-exports/../x.txt').detail, 'argument `destination` does not match pattern ^s3:\\/\\/acme-exports\\/[a-z0-9/_-]{1,50}[.]csv$');
  assert.equal(call(['s3://acme-exports/a.csv']).detail, 'argument `destination` is not a string (prefix)');
  assert.match(call('s3://acme-exports/a.csv', ['a', 'b', 'c']).detail!, /^argument `columns` fails its schema: \(value\) must NOT have more than 2 items$/);
  assert.match(call('s3://acme-exports/a.csv', [1]).detail!, /^argument `columns` fails its schema: \/0 must be string$/);
  assert.equal(call('s3://acme-exports/a.csv', 'a').effect, 'deny');
});

test('argument names are own properties only', () => {
  const profile = access.profile(dana);
  assert.equal(profile.decideTool('warehouse', 'export_csv', JSON.parse('{"destination":"s3://acme-exports/a.csv"}')).detail, 'argument `columns` is missing');
  const inherited = Object.create({ database: 'analytics' }) as Record<string, unknown>;
  inherited.sql = 'q';
  assert.equal(profile.decideTool('warehouse', 'run_query', inherited).detail, 'argument `database` is missing');
});

test('prompts and resources: globs, deny over allow, default deny; tool argument constraints play no part', () => {
  const profile = access.profile(alice);
  assert.equal(profile.decidePrompt('notes', 'summarize').ruleId, 'engineering-notes');
  assert.equal(profile.decidePrompt('github', 'summarize').effect, 'deny');
  assert.equal(profile.decideResource('notes', 'notes://eng/roadmap').ruleId, 'engineering-notes');
  assert.equal(profile.decideResource('notes', 'file:///etc/passwd').reason, 'no-grant');
  assert.equal(profile.canSeeResource('notes', 'notes://{notebook}/{id}'), true, 'a URI template is matched as a string');
  const both = access.profile(principal('eli', ['engineering', 'contractors']));
  assert.equal(both.decideResource('notes', 'notes://private/salaries').ruleId, 'contractors-no-deletes');
  assert.equal(both.decidePrompt('notes', 'secret_plans').ruleId, 'contractors-no-deletes');
  assert.equal(both.canSeePrompt('notes', 'secret_plans'), false);
  assert.equal(both.canSeePrompt('notes', 'summarize'), true);
});

test('the resource memo is bounded and stays correct after it is cleared', () => {
  const profile = access.profile(principal('rita', ['engineering']));
  for (let i = 0; i < 10_050; i++) assert.equal(profile.decideResource('notes', `notes://n/${i}`).effect, 'allow');
  assert.equal(profile.decideResource('notes', 'notes://n/1').ruleId, 'engineering-notes');
  assert.equal(profile.decideResource('notes', 'other://n/1').effect, 'deny');
});

test('principals matching the same rules share one profile; different rules give a different key', () => {
  const a = principal('a', ['engineering']);
  const b = principal('b', ['engineering', 'visitors']);
  const c = principal('c', ['support']);
  assert.equal(access.profile(a), access.profile(b), 'visitors matches no rule, so the group sets are equivalent');
  assert.equal(access.profile(a).key, access.profile(b).key);
  assert.notEqual(access.profile(a), access.profile(c));
  assert.notEqual(access.profile(a).key, access.profile(c).key);
  assert.notEqual(access.profile(principal('svc-release')).key, access.profile(principal('someone')).key, 'a users rule is part of the key');
  assert.equal(access.profile(principal('x')), access.profile(principal('y')), 'both match only the rules for *');
});

const querySchema = () => ({
  type: 'object',
  properties: {
    database: { type: 'string', description: 'Which database.' },
    sql: { type: 'string', maxLength: 3 },
    limit: { type: 'integer', minimum: 5 },
    other: true,
  },
  required: ['sql'],
  additionalProperties: false,
});

test('narrowing: enum union, required, loosest bounds tightened by the upstream\'s own', () => {
  const profile = access.profile(dana);
  const schema = querySchema();
  const narrowed = profile.narrowToolSchema('warehouse', 'run_query', schema);
  assert.notEqual(narrowed, schema);
  assert.deepEqual(narrowed, {
    type: 'object',
    properties: {
      database: { type: 'string', description: 'Which database.', enum: ['analytics', 'reporting', 'archive', 7, true] },
      // Only warehouse-query limits sql, so its maxLength is not every rule's: untouched.
      sql: { type: 'string', maxLength: 3 },
      // min of mins is 1, but the upstream already says 5; max of maxes is 500.
      limit: { type: 'integer', minimum: 5, maximum: 500 },
      other: true,
    },
    required: ['sql', 'database'],
    additionalProperties: false,
  });
  assert.equal(profile.narrowToolSchema('warehouse', 'run_query', schema), narrowed, 'memoized per schema object');
});

test('narrowing never mutates the upstream schema, and intersects an existing enum', () => {
  const schema = {
    type: 'object',
    properties: { owner: { type: 'string', enum: ['acme', 'globex', 'acme-oss'] }, title: { type: 'string' } },
  };
  const snapshot = structuredClone(schema);
  const frozen = Object.freeze({ ...schema, properties: Object.freeze({ owner: Object.freeze(schema.properties.owner), title: Object.freeze(schema.properties.title) }) });
  const narrowed = access.profile(alice).narrowToolSchema('github', 'create_issue', frozen) as typeof schema;
  assert.deepEqual(narrowed.properties.owner.enum, ['acme', 'acme-oss']);
  assert.deepEqual(narrowed.properties.title, { type: 'string', maxLength: 10 });
  assert.deepEqual((narrowed as { required?: unknown }).required, ['owner', 'title']);
  assert.deepEqual(schema, snapshot);
  assert.equal(narrowed.properties.title === schema.properties.title, false);
});

test('narrowing leaves the schema alone when an unconditional allow exists or nothing narrows', () => {
  const schema = querySchema();
  const both = access.profile(principal('sue', ['data', 'support']));
  assert.equal(both.narrowToolSchema('warehouse', 'run_query', schema), schema, 'support may run any query');
  assert.equal(access.profile(alice).narrowToolSchema('notes', 'read_note', schema), schema);
  const undeclared = { type: 'object', properties: {} };
  assert.equal(access.profile(dana).narrowToolSchema('warehouse', 'export_csv', undeclared), undeclared, 'undeclared arguments are not added');
  // Rules that disagree on which arguments they constrain narrow only what they share.
  const mixed = access.profile(principal('eli', ['engineering', 'contractors']));
  const issue = { type: 'object', properties: { owner: { type: 'string' }, title: { type: 'string' } } };
  assert.deepEqual(mixed.narrowToolSchema('github', 'create_issue', issue), {
    type: 'object', properties: { owner: { type: 'string', enum: ['acme', 'acme-oss', 'sandbox'] }, title: { type: 'string' } }, required: ['owner'],
  });
});

test('tool annotations play no part: a read-only hint widens nothing', () => {
  const tool = { name: 'delete_note', annotations: { readOnlyHint: true, destructiveHint: false }, inputSchema: { type: 'object', properties: {} } };
  const both = access.profile(principal('eli', ['engineering', 'contractors']));
  assert.equal(both.canSeeTool('notes', tool.name), false);
  assert.equal(both.decideTool('notes', tool.name, { annotations: tool.annotations }).ruleId, 'contractors-no-deletes');
  const support = access.profile(principal('sid', ['support']));
  assert.equal(support.decideTool('notes', 'read_note', {}).effect, 'deny', 'no rule grants support the notes server, read-only or not');
  assert.equal(both.narrowToolSchema('notes', tool.name, tool.inputSchema), tool.inputSchema);
});

test('building fails, naming the rule, when an argument schema does not compile', () => {
  const rule: PolicyRuleRuntime = {
    id: 'broken', file: 'policies/x.yaml', effect: 'allow',
    subjects: { anyUser: true, users: new Set(), groups: new Set(), claims: [] },
    servers: null, tools: compileNameMatcher(['*']), prompts: compileNameMatcher(undefined), resources: compileNameMatcher(undefined),
    arguments: [{ argument: 'a', values: null, pattern: null, prefix: null, maxLength: null, min: null, max: null, schema: { type: 'no-such-type' }, optional: false }],
  };
  const broken: PolicyRuntime = { rules: [rule], rulesByServer: new Map([['s', [rule]]]) };
  assert.throws(() => new AccessPolicy(broken), /policy rule `broken` \(policies\/x\.yaml\)/);
});

test('2,000 rules over 200 groups compile and decide correctly', async () => {
  const rules: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const group = `g${i % 200}`;
    const effect = i % 10 === 9 ? 'deny' : 'allow';
    rules.push(`  - id: r${i}\n    effect: ${effect}\n    subjects:\n      groups: [${group}]\n    servers: [${i % 2 === 0 ? 'alpha' : '"*"'}]\n    tools: ["t${i}_*", shared_${i % 7}]\n`);
  }
  const groups = Array.from({ length: 200 }, (_, i) => `  g${i}: {}\n`).join('');
  const big = await compileFiles({
    'portcullis.yaml': `version: 1\nauth:\n  anonymous:\n    enabled: true\ngroups:\n${groups}`,
    'servers/alpha.yaml': server('alpha'),
    'servers/beta.yaml': server('beta'),
    'policies/big.yaml': `rules:\n${rules.join('')}`,
  });
  assert.equal(big.policy.rules.length, 2000);
  const engine = new AccessPolicy(big.policy);
  const g0 = engine.profile(principal('u0', ['g0']));
  assert.equal(g0.rules.length, 10, 'rules 0, 200, …, 1800');
  assert.equal(g0.decideTool('alpha', 't0_run', {}).ruleId, 'r0');
  assert.equal(g0.decideTool('beta', 't0_run', {}).effect, 'deny', 'r0 covers alpha only');
  assert.equal(g0.decideTool('alpha', 't1_run', {}).effect, 'deny', 'r1 is for g1');
  const g9 = engine.profile(principal('u9', ['g9']));
  assert.equal(g9.decideTool('beta', 't9_x', {}).ruleId, 'r9');
  assert.equal(g9.decideTool('beta', 't9_x', {}).effect, 'deny');
  // shared_2 is granted to g0 by r800 (800 % 7 = 2, allow on alpha)…
  assert.equal(g0.decideTool('alpha', 'shared_2', {}).ruleId, 'r800');
  // …and g9's r9 and r1409 (both ≡ 2 mod 7, deny on every server) deny it to a member of both; the first names it.
  const many = engine.profile(principal('u', ['g0', 'g9', 'g150']));
  assert.equal(many.decideTool('alpha', 'shared_2', {}).ruleId, 'r9');
  assert.equal(many.canSeeTool('alpha', 'shared_2'), false);
  assert.equal(many.decideTool('alpha', 't150_a', {}).ruleId, 'r150');
  assert.equal(engine.profile(principal('v', ['g0', 'g0'])), g0);
});
