// Failure and change: a server that is down fails only its own tools; a crashed stdio server is
// restarted with backoff; reloads add, keep and remove servers without dropping calls, tell
// open sessions what changed, and an invalid reload keeps the last good config serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { anonymousRoot, httpServerYaml, startGateway, startHttpUpstream, stdioServerYaml, testersMayUseEverything } from './support/gateway-harness.ts';

async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/mcp`;
}

const textOf = (result: Record<string, unknown>): string => (result.content as { text: string }[])[0]!.text;

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch {
      // keep probing until the deadline
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}; last value ${JSON.stringify(last)}`);
}

test('a server that is down fails only its own tools, with a clear error; /readyz names it', async () => {
  const running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/alpha.yaml': stdioServerYaml('alpha'),
    'servers/ghost.yaml': httpServerYaml('ghost', await closedPortUrl(), 'required: true\ntimeouts:\n  connect: 1s\n'),
  });
  try {
    const client = await running.connectClient();
    await assert.rejects(client.callTool({ name: 'ghost__anything', arguments: {} }), (error: Error & { code?: number }) => {
      assert.equal(error.code, -32010);
      assert.match(error.message, /server ghost is unavailable: /);
      return true;
    });
    assert.equal(textOf(await client.callTool({ name: 'alpha__echo', arguments: { text: 'fine' } })), 'alpha:fine');
    const ready = await fetch(`${running.baseUrl}/readyz`);
    assert.equal(ready.status, 503);
    const body = (await ready.json()) as { waitingFor: string[]; servers: { id: string; state: string; error?: string }[] };
    assert.deepEqual(body.waitingFor, ['ghost']);
    assert.ok(body.servers.find((server) => server.id === 'ghost')!.error, 'the reason is shown');
  } finally {
    await running.stop();
  }
});

test('a stdio server that dies is restarted with backoff; its calls fail clearly meanwhile', async () => {
  const running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/alpha.yaml': stdioServerYaml('alpha', 'restart:\n  initialDelay: 300ms\n  maxDelay: 1s\n'),
  });
  try {
    const client = await running.connectClient();
    await client.subscribeResource({ uri: 'test://alpha/static' });
    const firstPid = Number(/pid=(\d+)/.exec(textOf(await client.callTool({ name: 'alpha__whoami', arguments: {} })))![1]);
    process.kill(firstPid, 'SIGKILL');
    await eventually(
      () => client.callTool({ name: 'alpha__echo', arguments: { text: 'x' } }).then(() => 'ok', (error: Error & { code?: number }) => error.code),
      (value) => value === -32010,
      'calls to fail while the server is down',
      3000,
    ).catch(() => undefined); // the restart can be fast enough that no call sees it down
    const restarted = await eventually(() => client.callTool({ name: 'alpha__whoami', arguments: {} }).then(textOf), (text) => !text.includes(`pid=${firstPid}`), 'a new process');
    assert.match(restarted, /^alpha pid=\d+$/);
    const touched = await eventually(() => client.callTool({ name: 'alpha__touch', arguments: { uri: 'test://alpha/static' } }).then(textOf), (text) => text === 'subscribed', 'the subscription renewed on the new process');
    assert.equal(touched, 'subscribed');
    assert.ok(running.logs.some((record) => record.msg === 'upstream unavailable' && record.server === 'alpha'), 'the crash is logged with the server id');
  } finally {
    await running.stop();
  }
});

test('an HTTP server that goes away is marked down at the first failed call and reconnected when it is back', async () => {
  let upstream = await startHttpUpstream('web');
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/web.yaml': httpServerYaml('web', upstream.url, 'restart:\n  initialDelay: 200ms\n  maxDelay: 500ms\n') });
  try {
    const client = await running.connectClient();
    assert.equal(textOf(await client.callTool({ name: 'web__echo', arguments: { text: 'up' } })), 'web:up');
    await upstream.stop();
    await assert.rejects(client.callTool({ name: 'web__echo', arguments: { text: 'x' } }), (error: Error & { code?: number }) => error.code === -32010);
    assert.notEqual(running.gateway.upstreamStates()[0]!.state, 'ready', 'the failed call marked the server down');
    upstream = await startHttpUpstream('web', Number(new URL(upstream.url).port));
    assert.equal(await eventually(() => client.callTool({ name: 'web__echo', arguments: { text: 'back' } }).then(textOf), (text) => text === 'web:back', 'the reconnect'), 'web:back');
  } finally {
    await running.stop();
    await upstream.stop();
  }
});

test('reload: servers are added and removed, unchanged ones keep their process, sessions hear list_changed', async () => {
  const running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/alpha.yaml': stdioServerYaml('alpha'),
    'servers/beta.yaml': stdioServerYaml('beta'),
  });
  try {
    const client: Client = await running.connectClient();
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const alphaPid = textOf(await client.callTool({ name: 'alpha__whoami', arguments: {} }));
    // A slow call on beta is in flight while beta is removed: it must still complete.
    const inflight = client.callTool({ name: 'beta__slow', arguments: { steps: 4, stepMs: 250 } });
    await new Promise((resolve) => setTimeout(resolve, 100));

    await running.repository.remove(); // rewrite the repository without beta, with gamma
    await running.writeFiles({ 'portcullis.yaml': anonymousRoot(), 'policies/testers.yaml': testersMayUseEverything, 'servers/alpha.yaml': stdioServerYaml('alpha'), 'servers/gamma.yaml': stdioServerYaml('gamma') });
    const attempt = await running.reloader.reload('test');
    assert.equal(attempt.outcome, 'applied');

    assert.equal(textOf(await inflight), 'beta: done after 4 steps', 'the call in flight on the removed server finished');
    await eventually(async () => changed, (count) => count >= 1, 'tools/list_changed');
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('gamma__echo'));
    assert.ok(!names.some((name) => name.startsWith('beta__')));
    assert.equal(textOf(await client.callTool({ name: 'gamma__echo', arguments: { text: 'new' } })), 'gamma:new');
    assert.equal(textOf(await client.callTool({ name: 'alpha__whoami', arguments: {} })), alphaPid, 'alpha kept its process');
    await assert.rejects(client.callTool({ name: 'beta__echo', arguments: { text: 'x' } }), (error: Error & { code?: number }) => error.code === -32602);

    const unchanged = await running.reloader.reload('test again');
    assert.equal(unchanged.outcome, 'unchanged');
  } finally {
    await running.stop();
  }
});

test('an invalid reload keeps the last good config serving and says where the error is', async () => {
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/alpha.yaml': stdioServerYaml('alpha') });
  try {
    const client = await running.connectClient();
    const version = running.gateway.runtime.version;
    await running.writeFiles({ 'servers/alpha.yaml': stdioServerYaml('alpha', 'tool:\n  deny: [x]\n') });
    const attempt = await running.reloader.reload('test');
    assert.equal(attempt.outcome, 'invalid');
    assert.match(attempt.errors!.join('\n'), /servers\/alpha\.yaml:\d+:\d+: PCX_ERR_UNKNOWN_KEY at tool.*did you mean `tools`/);
    assert.equal(running.gateway.runtime.version, version);
    assert.equal(textOf(await client.callTool({ name: 'alpha__echo', arguments: { text: 'still' } })), 'alpha:still');
    const ready = (await (await fetch(`${running.baseUrl}/readyz`)).json()) as { lastReload: { outcome: string } };
    assert.equal(ready.lastReload.outcome, 'invalid');
    const admin = await fetch(`${running.baseUrl}/admin/reload`, { method: 'POST' });
    assert.equal(admin.status, 422);
  } finally {
    await running.stop();
  }
});
