// The client-facing Streamable HTTP endpoint, request by request with raw fetch: every status
// code the transport spec prescribes, sessions (create, use, DELETE, idle expiry, cap), the GET
// stream, and the pipeline's stage order. Runs on both HTTP engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { request } from 'undici';
import { STAGES, FINAL_STAGES } from '../gateway/pipeline/pipeline.ts';
import { anonymousRoot, startGateway, stdioServerYaml, type RunningGateway } from './support/gateway-harness.ts';

const accept = 'application/json, text/event-stream';
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

for (const engine of ['hyper-express', 'node:http'] as const) {
  describe(`Streamable HTTP endpoint on ${engine}`, () => {
    let running: RunningGateway;
    let url: string;

    before(async () => {
      running = await startGateway(
        {
          'portcullis.yaml': anonymousRoot('limits:\n  maxRequestBody: 2KiB\n  maxSessions: 50\n  maxConcurrentCallsPerSession: 2\n  sessionIdleTimeout: 1s\ngateway:\n  allowedOrigins: [https://app.example.com]\n'),
          'servers/alpha.yaml': stdioServerYaml('alpha'),
        },
        { engine },
      );
      url = running.mcpUrl;
      assert.equal(running.server.engine, engine);
    });
    after(() => running?.stop());

    const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(url, { method: 'POST', headers: { accept, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

    async function openSession(version = '2025-06-18'): Promise<Record<string, string>> {
      const response = await post({ ...initialize, params: { ...initialize.params, protocolVersion: version } });
      assert.equal(response.status, 200);
      const session = response.headers.get('mcp-session-id');
      assert.ok(session && /^[A-Za-z0-9_-]{32}$/.test(session), `session id ${session}`);
      const body = (await response.json()) as { result: { protocolVersion: string } };
      const headers = { 'mcp-session-id': session, 'mcp-protocol-version': body.result.protocolVersion };
      assert.equal((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status, 202);
      return headers;
    }

    async function errorOf(response: Response): Promise<{ code: number; message: string }> {
      return ((await response.json()) as { error: { code: number; message: string } }).error;
    }

    test('initialize negotiates the revision: a supported one is echoed, an unknown one gets the latest', async () => {
      for (const [asked, answered] of [['2025-03-26', '2025-03-26'], ['2025-11-25', '2025-11-25'], ['2099-01-01', '2025-11-25']]) {
        const response = await post({ ...initialize, params: { ...initialize.params, protocolVersion: asked } });
        assert.equal(((await response.json()) as { result: { protocolVersion: string } }).result.protocolVersion, answered);
      }
    });

    test('a request is answered with JSON; a notification with 202 and no body', async () => {
      const headers = await openSession();
      const response = await post({ jsonrpc: '2.0', id: 'a', method: 'ping' }, headers);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(await response.json(), { jsonrpc: '2.0', id: 'a', result: {} });
      const notification = await post({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' }, headers);
      assert.equal(notification.status, 202);
      assert.equal(await notification.text(), '');
    });

    test('406 when Accept lacks text/event-stream or application/json', async () => {
      for (const value of ['application/json', 'text/event-stream', 'text/html']) {
        const response = await post(initialize, { accept: value });
        assert.equal(response.status, 406, value);
        assert.equal((await errorOf(response)).code, -32600);
      }
    });

    test('415 for a body that is not application/json', async () => {
      assert.equal((await post(JSON.stringify(initialize), { 'content-type': 'text/plain' })).status, 415);
    });

    test('413 for a body over limits.maxRequestBody', async () => {
      const response = await post({ ...initialize, params: { ...initialize.params, padding: 'x'.repeat(4096) } });
      assert.equal(response.status, 413);
      assert.match((await errorOf(response)).message, /maxRequestBody/);
    });

    test('400 with -32700 for invalid JSON, -32600 for a batch or a non-JSON-RPC body', async () => {
      const parse = await post('{"jsonrpc": "2.0",');
      assert.equal(parse.status, 400);
      assert.equal((await errorOf(parse)).code, -32700);
      for (const body of [[initialize], { hello: 'world' }, { jsonrpc: '2.0', id: {}, method: 'ping' }]) {
        const response = await post(body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal((await errorOf(response)).code, -32600);
      }
    });

    test('400 without a session id, 404 with an unknown one, 400 for an unsupported protocol version', async () => {
      const missing = await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
      assert.equal(missing.status, 400);
      assert.match((await errorOf(missing)).message, /Mcp-Session-Id/);
      assert.equal((await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': 'not-a-session' })).status, 404);
      const headers = await openSession();
      const version = await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, { ...headers, 'mcp-protocol-version': '1999-01-01' });
      assert.equal(version.status, 400);
      assert.match((await errorOf(version)).message, /MCP-Protocol-Version/);
    });

    test('403 for a foreign Origin or Host; listed and loopback origins pass', async () => {
      assert.equal((await post(initialize, { origin: 'https://evil.example' })).status, 403);
      assert.equal((await post(initialize, { origin: 'https://app.example.com' })).status, 200);
      assert.equal((await post(initialize, { origin: 'http://localhost:5173' })).status, 200);
      // fetch may not set Host (a forbidden header), so this one goes through undici's request.
      const foreignHost = await request(url, { method: 'POST', headers: { accept, 'content-type': 'application/json', host: 'evil.example' }, body: JSON.stringify(initialize) });
      assert.equal(foreignHost.statusCode, 403);
      await foreignHost.body.text();
    });

    test('405 with Allow for other methods', async () => {
      const response = await fetch(url, { method: 'PUT', body: '{}' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET, POST, DELETE');
    });

    test('unknown methods get -32601 inside a 200', async () => {
      const headers = await openSession();
      const response = await post({ jsonrpc: '2.0', id: 3, method: 'no/such/method' }, headers);
      assert.equal(response.status, 200);
      assert.equal((await errorOf(response)).code, -32601);
    });

    test('a request id already in flight in the session is refused with -32600', async () => {
      const headers = await openSession();
      const call = { jsonrpc: '2.0', id: 'dup', method: 'tools/call', params: { name: 'alpha__slow', arguments: { steps: 2, stepMs: 150 } } };
      const first = post(call, headers);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await post(call, headers);
      assert.equal((await errorOf(second)).code, -32600);
      assert.equal(((await (await first).json()) as { result: { content: { text: string }[] } }).result.content[0]!.text, 'alpha: done after 2 steps');
    });

    test('calls beyond limits.maxConcurrentCallsPerSession get 429 with Retry-After', async () => {
      const headers = await openSession();
      const slow = (id: number): Promise<Response> => post({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'alpha__slow', arguments: { steps: 1, stepMs: 300 } } }, headers);
      const running = [slow(101), slow(102)];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await slow(103);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match((await errorOf(refused)).message, /maxConcurrentCallsPerSession/);
      for (const response of await Promise.all(running)) assert.equal(response.status, 200);
    });

    test('DELETE ends the session; the id is then 404', async () => {
      const headers = await openSession();
      assert.equal((await fetch(url, { method: 'DELETE', headers })).status, 200);
      assert.equal((await post({ jsonrpc: '2.0', id: 4, method: 'ping' }, headers)).status, 404);
      assert.equal((await fetch(url, { method: 'DELETE', headers })).status, 404);
    });

    test('GET opens one SSE stream per session: 406 without the SSE Accept, 409 for a second', async () => {
      const headers = await openSession();
      assert.equal((await fetch(url, { headers: { ...headers, accept: 'application/json' } })).status, 406);
      const controller = new AbortController();
      const stream = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
      assert.equal(stream.status, 200);
      assert.equal(stream.headers.get('content-type'), 'text/event-stream');
      const reader = stream.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      assert.match(first, /^:/, 'a comment opens the stream');
      assert.equal((await fetch(url, { headers: { ...headers, accept: 'text/event-stream' } })).status, 409);
      controller.abort();
    });

    test('an idle session expires after limits.sessionIdleTimeout; an open GET stream keeps it alive', async () => {
      const idle = await openSession();
      const watched = await openSession();
      const controller = new AbortController();
      await fetch(url, { headers: { ...watched, accept: 'text/event-stream' }, signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 1800));
      assert.equal((await post({ jsonrpc: '2.0', id: 5, method: 'ping' }, idle)).status, 404, 'the idle session ended');
      assert.equal((await post({ jsonrpc: '2.0', id: 5, method: 'ping' }, watched)).status, 200, 'the streaming session lives');
      controller.abort();
    });

    test('a request that needs to stream first is upgraded to SSE and still ends with the result', async () => {
      const headers = await openSession();
      const response = await post({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'alpha__slow', arguments: { steps: 2, stepMs: 10 }, _meta: { progressToken: 'tok' } } }, headers);
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const events = (await response.text()).split('\n\n').filter((event) => event.includes('data: ')).map((event) => JSON.parse(event.slice(event.indexOf('data: ') + 6)));
      assert.deepEqual(events.map((event) => event.method ?? 'result'), ['notifications/progress', 'notifications/progress', 'result']);
      assert.equal(events[0].params.progressToken, 'tok');
      assert.equal(events[2].id, 6);
    });

    test('the pipeline runs its stages in the fixed order, and audit runs for refused requests too', async () => {
      const headers = await openSession();
      const seen: string[] = [];
      const record = (message: unknown): void => void seen.push((message as { stage: string }).stage);
      diagnostics.subscribe('portcullis:pipeline:stage', record);
      try {
        await (await post({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'alpha__echo', arguments: { text: 'x' } } }, headers)).json();
        assert.deepEqual(seen, [...STAGES, ...FINAL_STAGES].map((stage) => stage.name));
        assert.deepEqual(seen, ['origin-check', 'parse', 'session', 'authenticate', 'route', 'authorize', 'guard-request', 'call-upstream', 'guard-response', 'audit']);
        seen.length = 0;
        await (await post({ jsonrpc: '2.0', id: 8, method: 'ping' }, { 'mcp-session-id': 'unknown' })).text();
        assert.deepEqual(seen, ['origin-check', 'parse', 'session', 'audit']);
      } finally {
        diagnostics.unsubscribe('portcullis:pipeline:stage', record);
      }
    });
  });
}

test('at limits.maxSessions a new session gets 503 with Retry-After', async () => {
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot('limits:\n  maxSessions: 2\n') });
  try {
    const open = (): Promise<Response> => fetch(running.mcpUrl, { method: 'POST', headers: { accept, 'content-type': 'application/json' }, body: JSON.stringify(initialize) });
    assert.equal((await open()).status, 200);
    assert.equal((await open()).status, 200);
    const refused = await open();
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  } finally {
    await running.stop();
  }
});

