// The acceptance cases about change and failure under load: a client calling continuously sees
// zero failed calls across reloads (a server added, an invalid change, a server removed); a
// stdio upstream killed mid-call fails that call clearly and comes back; merged lists paginate;
// and no child process outlives the gateway, after SIGTERM or SIGKILL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { anonymousRoot, startGateway, stdioServerYaml, testersMayUseEverything } from './support/gateway-harness.ts';
import { repoRoot } from './support/run-cli.ts';
import { writeRepository } from './support/temp-repo.ts';

const textOf = (result: Record<string, unknown>): string => (result.content as { text: string }[])[0]!.text;

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A killed child whose parent died is a zombie until reaped; it runs nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

test('reload under load: zero failed calls while a server is added, an invalid change is applied, and a server is removed', async () => {
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/alpha.yaml': stdioServerYaml('alpha'), 'servers/beta.yaml': stdioServerYaml('beta') });
  try {
    const caller = await running.connectClient();
    const watcher = await running.connectClient();
    let changes = 0;
    watcher.setNotificationHandler(ToolListChangedNotificationSchema, () => void changes++);
    let calls = 0;
    const failures: string[] = [];
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        try {
          assert.equal(textOf(await caller.callTool({ name: 'alpha__echo', arguments: { text: String(calls) } })), `alpha:${calls}`);
          calls++;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));

    await running.writeFiles({ 'servers/gamma.yaml': stdioServerYaml('gamma') });
    assert.equal((await running.reloader.reload('add gamma')).outcome, 'applied');
    await running.writeFiles({ 'servers/alpha.yaml': stdioServerYaml('alpha', 'tool:\n  allow: ["*"]\n') });
    assert.equal((await running.reloader.reload('invalid')).outcome, 'invalid');
    await running.writeFiles({ 'servers/alpha.yaml': stdioServerYaml('alpha') });
    await rm(path.join(running.repository.folder, 'servers', 'beta.yaml'));
    const changesBefore = changes;
    assert.equal((await running.reloader.reload('remove beta')).outcome, 'applied');
    for (let i = 0; i < 100 && changes === changesBefore; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await loop;

    assert.deepEqual(failures, [], 'no call failed');
    assert.ok(calls > 20, `the client kept calling (${calls} calls)`);
    assert.ok(changes > changesBefore, 'removing beta sent list_changed');
    const names = (await watcher.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('gamma__echo') && !names.some((name) => name.startsWith('beta__')), names.join(','));
  } finally {
    await running.stop();
  }
});

test('a stdio upstream killed mid-call fails that call with a clear error, restarts, and serves later calls', async () => {
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/alpha.yaml': stdioServerYaml('alpha', 'restart:\n  initialDelay: 200ms\n  maxDelay: 1s\n') });
  try {
    const client = await running.connectClient();
    const pid = Number(/pid=(\d+)/.exec(textOf(await client.callTool({ name: 'alpha__whoami', arguments: {} })))![1]);
    const call = client.callTool({ name: 'alpha__slow', arguments: { steps: 20, stepMs: 100 } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    process.kill(pid, 'SIGKILL');
    await assert.rejects(call, (error: Error & { code?: number }) => {
      assert.equal(error.code, -32010);
      assert.match(error.message, /server alpha is unavailable: .*killed by SIGKILL/);
      return true;
    });
    let after = '';
    for (let i = 0; i < 200 && !after; i++) {
      after = await client.callTool({ name: 'alpha__echo', arguments: { text: 'again' } }).then(textOf, () => '');
      if (!after) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(after, 'alpha:again');
  } finally {
    await running.stop();
  }
});

test('merged lists paginate with the gateway\'s own cursors', async () => {
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/alpha.yaml': stdioServerYaml('alpha'), 'servers/beta.yaml': stdioServerYaml('beta') }, { pageSize: 5 });
  try {
    const client = await running.connectClient();
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      assert.ok(page.tools.length <= 5);
      names.push(...page.tools.map((tool) => tool.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    const all = running.gateway.view(running.gateway.runtime).tools.map((item) => item.exposed.name);
    assert.deepEqual(names, all, 'every tool once, in order');
    assert.equal(pages, Math.ceil(all.length / 5));
    await assert.rejects(client.listTools({ cursor: 'bogus' }), (error: Error & { code?: number }) => error.code === -32602);
  } finally {
    await running.stop();
  }
});

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`no upstream child outlives the gateway after ${signal}`, async () => {
    const repository = await writeRepository({ 'portcullis.yaml': anonymousRoot(), 'policies/testers.yaml': testersMayUseEverything, 'servers/alpha.yaml': stdioServerYaml('alpha') });
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', repository.folder], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const match = /"address":"([^"]+)"/.exec(buffer);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const client = new Client({ name: 'orphan-check', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://${address}/mcp`)));
      const upstreamPid = Number(/pid=(\d+)/.exec(textOf(await client.callTool({ name: 'alpha__whoami', arguments: {} })))![1]);
      assert.ok(!isGone(upstreamPid), 'the upstream runs');
      child.kill(signal);
      await once(child, 'exit');
      let gone = false;
      for (let i = 0; i < 100 && !gone; i++) {
        gone = isGone(upstreamPid);
        if (!gone) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(gone, `upstream ${upstreamPid} outlived the gateway`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await repository.remove();
    }
  });
}
