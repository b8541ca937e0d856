// `portcullis validate` as CI and people run it: discovery precedence, exit codes and the
// three output formats.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from './support/run-cli.ts';
import { writeRepository, type TempRepository } from './support/temp-repo.ts';

const validRoot = 'version: 1\nauth:\n  anonymous:\n    enabled: true\n';
let valid: TempRepository;
let invalid: TempRepository;
let rcNamed: TempRepository;

before(async () => {
  valid = await writeRepository({ 'portcullis.yaml': validRoot });
  invalid = await writeRepository({
    'portcullis.yaml': validRoot,
    'servers/github.yaml': 'id: github\ntransport:\n  type: streamable-http\n  url: https://example.com/mcp\n  headers:\n    Authorization: "Bearer ghp_aaaaBBBBccccDDDDeeeeFFFFgggg00001111"\ntool:\n  allow: ["*"]\n',
  });
  rcNamed = await writeRepository({ '.portcullisrc.yaml': validRoot });
});
after(async () => {
  await Promise.all([valid.remove(), invalid.remove(), rcNamed.remove()]);
});

test('a valid repository exits 0 and says so', async () => {
  const result = await runCli(['validate', valid.folder]);
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /✓ config is valid/);
});

test('an invalid repository exits 1 and reports every error with file:line:column and a hint', async () => {
  const result = await runCli(['validate', invalid.folder]);
  assert.equal(result.exitCode, 1);
  assert.match(result.stdout, /^servers\/github\.yaml:6:20: error PCX_ERR_LITERAL_SECRET at transport\.headers\.Authorization$/m);
  assert.match(result.stdout, /^servers\/github\.yaml:7:1: error PCX_ERR_UNKNOWN_KEY at tool$/m);
  assert.match(result.stdout, /hint: did you mean `tools`\?/);
  assert.match(result.stdout, /hint: use a secret reference/);
  assert.match(result.stdout, /✗ 2 error\(s\)/);
});

test('--format json gives a machine-readable report', async () => {
  const result = await runCli(['validate', invalid.folder, '--format', 'json']);
  assert.equal(result.exitCode, 1);
  const report = JSON.parse(result.stdout) as { valid: boolean; issues: { code: string; line: number; column: number; file: string; severity: string }[] };
  assert.equal(report.valid, false);
  assert.deepEqual(report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line}:${i.column} ${i.code}`), [
    'servers/github.yaml:6:20 PCX_ERR_LITERAL_SECRET',
    'servers/github.yaml:7:1 PCX_ERR_UNKNOWN_KEY',
  ]);
});

test('under GitHub Actions the output is workflow annotations with workspace-relative paths', async () => {
  const workspace = path.dirname(invalid.folder);
  const result = await runCli(['validate', invalid.folder], { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace });
  assert.equal(result.exitCode, 1);
  const file = `${path.basename(invalid.folder)}/servers/github.yaml`;
  assert.match(result.stdout, new RegExp(`^::error file=${file},line=7,col=1,title=PCX_ERR_UNKNOWN_KEY::tool: unknown key \`tool\``, 'm'));
});

test('discovery: --config beats DIR beats PORTCULLIS_CONFIG; .portcullisrc.yaml is found', async () => {
  const byEnv = await runCli(['validate'], { PORTCULLIS_CONFIG: invalid.folder });
  assert.equal(byEnv.exitCode, 1, 'PORTCULLIS_CONFIG is used when nothing is given');
  const byDir = await runCli(['validate', valid.folder], { PORTCULLIS_CONFIG: invalid.folder });
  assert.equal(byDir.exitCode, 0, 'DIR beats PORTCULLIS_CONFIG');
  const byFlag = await runCli(['validate', invalid.folder, '--config', path.join(valid.folder, 'portcullis.yaml')]);
  assert.equal(byFlag.exitCode, 0, '--config beats DIR, and may name the file itself');
  const rc = await runCli(['validate', rcNamed.folder]);
  assert.equal(rc.exitCode, 0, rc.stdout);
});

test('a folder without a root file, and bad usage, are reported clearly', async () => {
  const missing = await runCli(['validate', path.join(valid.folder, 'nope')]);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stdout, /PCX_ERR_CONFIG_NOT_FOUND/);
  assert.match(missing.stdout, /create portcullis\.yaml there/);
  const usage = await runCli(['validate', '--format', 'xml']);
  assert.equal(usage.exitCode, 2);
  const unknown = await runCli(['frobnicate']);
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
});
