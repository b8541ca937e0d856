// `portcullis serve` as an operator runs it: control endpoints and MCP answer, an invalid config
// refuses to start, a bad reload keeps the last good config, file changes reload, SIGTERM drains and exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/run-cli.ts';
import { writeRepository } from './support/temp-repo.ts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { stdioServerYaml, testersMayUseEverything } from './support/gateway-harness.ts';
import { waitFor } from './support/wait-for.ts';

const root = 'version: 1\nauth:\n  anonymous:\n    enabled: true\n    groups: [testers]\ngroups:\n  testers: {}\n';
const server = (id: string): string => stdioServerYaml(id);
/** servingA is a repository with server `a` that the anonymous tester may use. */
const servingA = (): Record<string, string> => ({ 'portcullis.yaml': root, 'policies/testers.yaml': testersMayUseEverything, 'servers/a.yaml': server('a') });

interface Running {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly lines: string[];
}

async function startServe(folder: string): Promise<Running> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', folder], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const address = /"address":"([^"]+)"/.exec(line)?.[1];
        if (address) resolve(`http://${address}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
  return { child, baseUrl, lines };
}

// Reloads that add a server wait for it to connect (a tsx child takes seconds on a busy machine).
// On a timeout the gateway's last log lines are in the message: CI keeps nothing else.
function waitForLine(running: Running, matches: (line: string) => boolean, what: string): Promise<void> {
  return waitFor(() => running.lines.some(matches), () => `${what}; the gateway logged:\n${running.lines.slice(-15).join('\n')}`, 20_000, 25);
}

/** serverIds are the servers /admin/config lists. */
async function serverIds(running: Running): Promise<string[]> {
  const admin = (await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { servers: { id: string }[] };
  return admin.servers.map((server) => server.id);
}

test('serve answers its control endpoints and serves MCP on /mcp; SIGTERM lets a call in flight finish, then exits 0', async () => {
  const repository = await writeRepository(servingA());
  const running = await startServe(repository.folder);
  try {
    assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
    const ready = (await (await fetch(`${running.baseUrl}/readyz`)).json()) as { configVersion: string; servers: { id: string; state: string }[] };
    assert.match(ready.configVersion, /^[0-9a-f]{64}$/);
    assert.deepEqual(ready.servers.map((s) => [s.id, s.state]), [['a', 'ready']]);
    const admin = (await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { servers: { id: string }[]; engine: string };
    assert.deepEqual(admin.servers.map((s) => s.id), ['a']);
    assert.equal(admin.engine, 'hyper-express', 'Node 20 runs the hyper-express engine');
    assert.ok(running.lines.some((line) => line.includes('anonymous access is ON')), 'anonymous access is logged loudly');

    const client = new Client({ name: 'serve-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${running.baseUrl}/mcp`)));
    const echoed = await client.callTool({ name: 'a__echo', arguments: { text: 'through serve' } });
    assert.deepEqual(echoed.content, [{ type: 'text', text: 'a:through serve' }]);
    const slow = client.callTool({ name: 'a__slow', arguments: { steps: 4, stepMs: 150 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    running.child.kill('SIGTERM');
    const result = await slow;
    assert.deepEqual(result.content, [{ type: 'text', text: 'a: done after 4 steps' }], 'the call in flight finished during shutdown');
  } finally {
    if (!running.child.killed) running.child.kill('SIGTERM');
    const [code] = running.child.exitCode === null ? await once(running.child, 'exit') : [running.child.exitCode];
    assert.equal(code, 0, 'SIGTERM exits 0');
    await repository.remove();
  }
});

test('a changed file is picked up by the watcher without a signal', async () => {
  const repository = await writeRepository(servingA());
  const running = await startServe(repository.folder);
  try {
    await writeFile(path.join(repository.folder, 'servers', 'b.yaml'), server('b'));
    await waitForLine(running, (line) => line.includes('new config serving') && line.includes('file change'), 'the watcher-triggered reload');
    assert.deepEqual(await serverIds(running), ['a', 'b']);
  } finally {
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');
    await repository.remove();
  }
});

test('a bad reload keeps the last good config serving; a good one swaps it', async () => {
  const repository = await writeRepository(servingA());
  const running = await startServe(repository.folder);
  try {
    const versionOf = async (): Promise<string> => ((await (await fetch(`${running.baseUrl}/readyz`)).json()) as { configVersion: string }).configVersion;
    const first = await versionOf();

    await writeFile(path.join(repository.folder, 'servers', 'a.yaml'), 'id: a\ntransprt: {}\n');
    running.child.kill('SIGHUP');
    await waitForLine(running, (line) => line.includes('reload refused'), 'the failed reload');
    assert.equal(await versionOf(), first, 'the last good config keeps serving');

    await writeFile(path.join(repository.folder, 'servers', 'b.yaml'), server('b'));
    await writeFile(path.join(repository.folder, 'servers', 'a.yaml'), server('a'));
    running.child.kill('SIGHUP');
    await waitForLine(running, (line) => line.includes('new config serving'), 'the good reload');
    assert.notEqual(await versionOf(), first);
    assert.deepEqual(await serverIds(running), ['a', 'b']);
  } finally {
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');
    await repository.remove();
  }
});

test('an invalid config refuses to start with exit 1', async () => {
  const repository = await writeRepository({ 'portcullis.yaml': 'version: 2\n' });
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', repository.folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /portcullis\.yaml:1:10: error PCX_ERR_INVALID_VALUE at version/);
  await repository.remove();
});

test('after SIGTERM the audit file holds a record of every call answered, the last one included', async () => {
  const auditFolder = await mkdtemp(path.join(os.tmpdir(), 'pcx-audit-'));
  const auditFile = path.join(auditFolder, 'records.jsonl');
  const telemetry = `telemetry:\n  audit:\n    sinks: [file]\n    file: ${JSON.stringify(auditFile)}\n`;
  const repository = await writeRepository({ ...servingA(), 'portcullis.yaml': root + telemetry });
  const running = await startServe(repository.folder);
  try {
    const client = new Client({ name: 'serve-audit-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${running.baseUrl}/mcp`)));
    const calls = 25;
    for (let index = 0; index < calls; index++) await client.callTool({ name: 'a__echo', arguments: { text: `call ${index}` } });
    // At once after the last answer, while its record may still wait in the sink's 100 ms batch
    // (the sink's own test, audit-lines.test.ts, shows that closing writes what waits).
    running.child.kill('SIGTERM');
    const [code] = await once(running.child, 'exit');
    assert.equal(code, 0);
    const records = (await readFile(auditFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record['event'] === 'portcullis.audit.access' && record['gen_ai.tool.name'] === 'a__echo');
    assert.equal(records.length, calls, 'one access record per call, the last ones included');
    assert.ok(records.every((record) => record['portcullis.audit.outcome'] === 'allow'));
  } finally {
    if (running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await once(running.child, 'exit');
    }
    await repository.remove();
    await rm(auditFolder, { recursive: true, force: true });
  }
});
