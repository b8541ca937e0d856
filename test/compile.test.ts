// Behaviour of compile(): defaults made explicit, frozen output, a version that follows
// meaning rather than bytes, and compiled matchers with deny-wins semantics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../gateway/config/load-config.ts';
import { compile } from '../gateway/runtime/compile.ts';
import type { Runtime } from '../gateway/runtime/runtime.ts';
import { writeRepository } from './support/temp-repo.ts';

const minimalRoot = 'version: 1\nauth:\n  anonymous:\n    enabled: true\n';

async function compileFiles(files: Record<string, string>, environment: NodeJS.ProcessEnv = {}): Promise<Runtime> {
  const repository = await writeRepository(files);
  try {
    const result = await loadConfig({ explicitPath: repository.folder });
    assert.ok(result.config, JSON.stringify(result.issues, null, 2));
    return compile(result.config, { environment });
  } finally {
    await repository.remove();
  }
}

test('a minimal config compiles with the documented defaults', async () => {
  const runtime = await compileFiles({ 'portcullis.yaml': minimalRoot });
  assert.equal(runtime.gateway.host, '127.0.0.1');
  assert.equal(runtime.gateway.port, 8080);
  assert.equal(runtime.gateway.publicUrl, 'http://127.0.0.1:8080/mcp');
  assert.equal(runtime.gateway.toolNameSeparator, '__');
  assert.equal(runtime.limits.maxRequestBodyBytes, 4 * 1024 * 1024);
  assert.equal(runtime.limits.sessionIdleTimeoutMs, 30 * 60_000);
  assert.equal(runtime.limits.callTimeoutMs, 60_000);
  assert.deepEqual(runtime.auth.anonymous, { principal: 'anonymous', groups: [] });
  assert.deepEqual(runtime.telemetry.audit.capture, { arguments: 'hash', results: 'none' });
  assert.equal(runtime.pinning.mode, 'off');
  assert.equal(runtime.servers.size, 0);
});

test('PORT from the environment overrides the configured port, and publicUrl follows', async () => {
  const runtime = await compileFiles({ 'portcullis.yaml': minimalRoot + 'gateway:\n  port: 9000\n' }, { PORT: '18080' });
  assert.equal(runtime.gateway.port, 18080);
  assert.equal(runtime.gateway.publicUrl, 'http://127.0.0.1:18080/mcp');
  assert.ok(runtime.gateway.allowedHosts.has('127.0.0.1:18080'));
});

test('the Runtime is frozen', async () => {
  const runtime = await compileFiles({ 'portcullis.yaml': minimalRoot });
  assert.ok(Object.isFrozen(runtime));
  assert.ok(Object.isFrozen(runtime.gateway));
  assert.throws(() => {
    (runtime.limits as { callTimeoutMs: number }).callTimeoutMs = 1;
  }, TypeError);
});

test('the version ignores comments and layout but changes with meaning', async () => {
  const server = 'id: notes\ntransport:\n  type: stdio\n  command: node\n';
  const a = await compileFiles({ 'portcullis.yaml': minimalRoot, 'servers/notes.yaml': server });
  const b = await compileFiles({ 'portcullis.yaml': '# a comment\n' + minimalRoot, 'servers/notes.yaml': `# note\n${server}\n\n` });
  const c = await compileFiles({ 'portcullis.yaml': minimalRoot, 'servers/notes.yaml': server + 'prefix: n\n' });
  assert.match(a.version, /^[0-9a-f]{64}$/);
  assert.equal(a.version, b.version);
  assert.notEqual(a.version, c.version);
});

test('servers compile to routing tables, filters and absolute paths; disabled servers are left out', async () => {
  const runtime = await compileFiles({
    'portcullis.yaml': minimalRoot,
    'servers/github.yaml': 'id: github\ntransport:\n  type: streamable-http\n  url: https://example.com/mcp\n  headers:\n    Authorization: "Bearer ${aws:prod/github#token}"\ntools:\n  allow: ["get_*", "list_*"]\n  deny: [get_secret]\n',
    'servers/local.yaml': 'id: local\nprefix: ""\ntransport:\n  type: stdio\n  command: node\n  cwd: tools\n  env:\n    TOKEN: "${aws:users/{principal.id}/local#token || aws:shared/local#token}"\n',
    'servers/old.yaml': 'id: old\nenabled: false\ntransport:\n  type: sse\n  url: https://old.example.com/sse\n',
  });
  assert.deepEqual([...runtime.servers.keys()], ['github', 'local']);
  assert.deepEqual([...runtime.routing.serverByPrefix], [['github', 'github']]);
  assert.deepEqual(runtime.routing.unprefixedServers, ['local']);
  const github = runtime.servers.get('github')!;
  assert.equal(github.tools.test('get_issue'), true);
  assert.equal(github.tools.test('get_secret'), false, 'deny wins over allow');
  assert.equal(github.tools.test('create_issue'), false, 'not allowed');
  assert.equal(github.perPrincipal, false);
  const local = runtime.servers.get('local')!;
  assert.equal(local.perPrincipal, true);
  assert.ok(local.transport.type === 'stdio' && local.transport.cwd.endsWith('/tools'));
  assert.deepEqual(runtime.secrets.references.map((r) => r.text), ['aws:prod/github#token', 'aws:shared/local#token', 'aws:users/{principal.id}/local#token']);
});

test('policy rules are indexed per server with denies first, and constraints are compiled', async () => {
  const runtime = await compileFiles({
    'portcullis.yaml': minimalRoot + 'groups:\n  eng: {}\n',
    'servers/a.yaml': 'id: a\ntransport:\n  type: stdio\n  command: node\n',
    'servers/b.yaml': 'id: b\ntransport:\n  type: stdio\n  command: node\n',
    'policies/p.yaml': [
      'rules:',
      '  - id: allow-all',
      '    effect: allow',
      '    subjects: { groups: [eng] }',
      '    servers: ["*"]',
      '    tools: ["*"]',
      '  - id: deny-a-delete',
      '    effect: deny',
      '    subjects: { users: ["*"] }',
      '    servers: [a]',
      '    tools: ["delete_*"]',
      '    arguments:',
      '      repo: { prefix: "acme/", maxLength: 100 }',
    ].join('\n') + '\n',
  });
  assert.deepEqual(runtime.policy.rulesByServer.get('a')!.map((r) => r.id), ['deny-a-delete', 'allow-all']);
  assert.deepEqual(runtime.policy.rulesByServer.get('b')!.map((r) => r.id), ['allow-all']);
  const deny = runtime.policy.rules.find((r) => r.id === 'deny-a-delete')!;
  assert.equal(deny.subjects.anyUser, true);
  assert.equal(deny.tools.test('delete_repo'), true);
  assert.equal(deny.tools.test('list_repos'), false);
  assert.deepEqual(deny.arguments[0], {
    argument: 'repo', values: null, pattern: null, prefix: 'acme/', maxLength: 100, min: null, max: null, schema: null, optional: false,
  });
});
