// Relay in both directions through the gateway, over a stdio and an HTTP upstream: progress
// with the client's own token, cancellation, timeouts, sampling and roots back to the calling
// session, logging, list_changed and resource updates.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CreateMessageRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { anonymousRoot, httpServerYaml, startGateway, startHttpUpstream, stdioServerYaml, type RunningGateway, type RunningUpstream } from './support/gateway-harness.ts';

let upstream: RunningUpstream;
let running: RunningGateway;

before(async () => {
  upstream = await startHttpUpstream('web');
  running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/local.yaml': stdioServerYaml('local', 'timeouts:\n  call: 1500ms\n'),
    'servers/web.yaml': httpServerYaml('web', upstream.url, 'timeouts:\n  call: 1500ms\n'),
  });
});

after(async () => {
  await running?.stop();
  await upstream?.stop();
});

async function samplingClient(answer: string): Promise<Client> {
  const client = await running.connectClient({ capabilities: { sampling: {}, roots: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
    role: 'assistant',
    model: 'test-model',
    content: { type: 'text', text: `${answer} (${(request.params.messages[0]!.content as { text: string }).text})` },
  }));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: `file:///${answer}` }] }));
  return client;
}

for (const server of ['local', 'web']) {
  describe(`through the ${server === 'local' ? 'stdio' : 'HTTP'} upstream`, () => {
    test('progress arrives with the token the client chose', async () => {
      const client = await running.connectClient();
      const seen: { progress: number; total?: number; message?: string }[] = [];
      const result = await client.callTool({ name: `${server}__slow`, arguments: { steps: 3, stepMs: 20 } }, undefined, { onprogress: (progress) => void seen.push(progress) });
      assert.deepEqual(result.content, [{ type: 'text', text: `${server}: done after 3 steps` }]);
      assert.deepEqual(seen.map((progress) => progress.progress), [1, 2, 3]);
      assert.equal(seen[0]!.message, 'step 1');
    });

    test('a cancelled call is cancelled upstream', async () => {
      const client = await running.connectClient();
      const before = Number(((await client.callTool({ name: `${server}__cancelled_count`, arguments: {} })).content as { text: string }[])[0]!.text);
      const controller = new AbortController();
      const call = client.callTool({ name: `${server}__slow`, arguments: { steps: 50, stepMs: 20 } }, undefined, { signal: controller.signal });
      setTimeout(() => controller.abort('user pressed stop'), 100);
      await assert.rejects(call, /abort|stop/i);
      let after = before;
      for (let i = 0; i < 50 && after === before; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = Number(((await client.callTool({ name: `${server}__cancelled_count`, arguments: {} })).content as { text: string }[])[0]!.text);
      }
      assert.equal(after, before + 1, 'the upstream saw notifications/cancelled');
    });

    test('a call slower than the server call timeout gets -32001 and is cancelled upstream', async () => {
      const client = await running.connectClient();
      await assert.rejects(client.callTool({ name: `${server}__slow`, arguments: { steps: 1, stepMs: 3000 } }), (error: Error & { code?: number }) => {
        assert.equal(error.code, -32001);
        assert.match(error.message, new RegExp(`server ${server} did not answer tools/call within 1500 ms`));
        return true;
      });
    });

    test('sampling and roots requests go back to the session whose call caused them', async () => {
      const [first, second] = await Promise.all([samplingClient('first'), samplingClient('second')]);
      const [a, b] = await Promise.all([
        first.callTool({ name: `${server}__sample`, arguments: { prompt: 'p1' } }),
        second.callTool({ name: `${server}__sample`, arguments: { prompt: 'p2' } }),
      ]);
      if (server === 'web') {
        assert.deepEqual(a.content, [{ type: 'text', text: 'web sampled: first (p1)' }]);
        assert.deepEqual(b.content, [{ type: 'text', text: 'web sampled: second (p2)' }]);
      } else {
        // stdio carries no cause: with calls of two sessions in flight the gateway refuses to guess.
        for (const result of [a, b]) {
          const text = JSON.stringify(result);
          assert.ok(text.includes('local sampled: first (p1)') || text.includes('local sampled: second (p2)') || /cannot tell which client call/.test(text), text);
        }
      }
      const roots = await first.callTool({ name: `${server}__roots`, arguments: {} });
      assert.deepEqual(roots.content, [{ type: 'text', text: '["file:///first"]' }]);
    });

    test('a client without the sampling capability gets none, and the upstream an error', async () => {
      const client = await running.connectClient();
      const result = await client.callTool({ name: `${server}__sample`, arguments: { prompt: 'p' } });
      assert.equal(result.isError, true);
      assert.match(JSON.stringify(result.content), /did not declare the sampling capability/);
    });

    test('logging during a call reaches the calling client', async () => {
      const client = await running.connectClient();
      const messages: unknown[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void messages.push(notification.params.data));
      await client.callTool({ name: `${server}__log`, arguments: { message: 'hello log' } });
      assert.deepEqual(messages, ['hello log']);
      await client.setLoggingLevel('error');
      await client.callTool({ name: `${server}__log`, arguments: { message: 'filtered' } });
      assert.deepEqual(messages, ['hello log'], 'a warning is below the level the client set');
    });
  });
}

test('stdio: sampling with one session in flight is routed to it', async () => {
  const client = await samplingClient('only');
  const result = await client.callTool({ name: 'local__sample', arguments: { prompt: 'p' } });
  assert.deepEqual(result.content, [{ type: 'text', text: 'local sampled: only (p)' }]);
});

test('a tool added upstream triggers tools/list_changed on open GET streams and appears in the list', async () => {
  const watcher = await running.connectClient();
  let changed = 0;
  watcher.setNotificationHandler(ToolListChangedNotificationSchema, () => void changed++);
  // The SDK client opens its GET stream after initialize; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const actor = await running.connectClient();
  await actor.callTool({ name: 'web__add_tool', arguments: { tool: 'fresh' } });
  for (let i = 0; i < 100 && changed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(changed >= 1, 'list_changed arrived');
  const { tools } = await watcher.listTools();
  assert.ok(tools.some((tool) => tool.name === 'web__fresh'));
  const fresh = await watcher.callTool({ name: 'web__fresh', arguments: {} });
  assert.deepEqual(fresh.content, [{ type: 'text', text: 'web:fresh' }]);
});

for (const server of ['web', 'local']) {
  test(`${server}: resources/updated reaches only subscribers, even when another session's call carries it`, async () => {
    const subscriber = await running.connectClient();
    const bystander = await running.connectClient();
    const updates: string[] = [];
    const bystanderUpdates: string[] = [];
    subscriber.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updates.push(notification.params.uri));
    bystander.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void bystanderUpdates.push(notification.params.uri));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const uri = `test://${server}/static`;
    await subscriber.subscribeResource({ uri });
    // The bystander's call makes the upstream send the update, on that call's stream (HTTP) or while it is the only call in flight (stdio).
    const touched = await bystander.callTool({ name: `${server}__touch`, arguments: { uri } });
    assert.deepEqual(touched.content, [{ type: 'text', text: 'subscribed' }], 'the gateway subscribed upstream');
    for (let i = 0; i < 100 && updates.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(updates, [uri]);
    assert.deepEqual(bystanderUpdates, [], 'the caller is not a subscriber and learns nothing');
    await subscriber.unsubscribeResource({ uri });
    const after = await bystander.callTool({ name: `${server}__touch`, arguments: { uri } });
    assert.deepEqual(after.content, [{ type: 'text', text: 'not subscribed' }], 'the last unsubscribe reached the upstream');
  });
}

test('a session that ends releases its upstream subscriptions', async () => {
  const subscriber = await running.connectClient();
  const other = await running.connectClient();
  await subscriber.subscribeResource({ uri: 'test://web/static' });
  assert.deepEqual((await other.callTool({ name: 'web__touch', arguments: { uri: 'test://web/static' } })).content, [{ type: 'text', text: 'subscribed' }]);
  await (subscriber.transport as StreamableHTTPClientTransport).terminateSession();
  for (let i = 0; i < 50; i++) {
    const text = JSON.stringify((await other.callTool({ name: 'web__touch', arguments: { uri: 'test://web/static' } })).content);
    if (text.includes('not subscribed')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('the upstream subscription outlived the session');
});
