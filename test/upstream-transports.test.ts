// The three upstream transports against real SDK servers: a stdio child, a Streamable HTTP
// server (SSE and JSON answers) and a legacy HTTP+SSE server, all on real pipes and sockets.
// Every assert.ok carries a message: without one, Node reads the failing expression back from the
// source, which under tsx's source maps can spin for minutes instead of failing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JsonRpcId, JsonRpcMessage } from '../gateway/jsonrpc/message.ts';
import { SseParser } from '../gateway/upstream/sse-parser.ts';
import { SseTransport } from '../gateway/upstream/sse-transport.ts';
import { StdioTransport } from '../gateway/upstream/stdio-transport.ts';
import { StreamableHttpTransport, UpstreamHttpError } from '../gateway/upstream/streamable-http-transport.ts';
import type { UpstreamTransport } from '../gateway/upstream/transport.ts';
import { createEchoServer } from './fixtures/upstreams/echo-stdio-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const fixtures = path.join(here, 'fixtures', 'upstreams');
const echoArgs = ['--import', 'tsx', path.join(fixtures, 'echo-stdio-server.ts')];

interface Received {
  readonly message: JsonRpcMessage;
  readonly cause: JsonRpcId | undefined;
}

/** Inbox collects what a transport delivers and lets a test wait for one message. */
class Inbox {
  readonly items: Received[] = [];
  readonly #waiters = new Set<() => void>();

  readonly push = (message: JsonRpcMessage, cause: JsonRpcId | undefined): void => {
    this.items.push({ message, cause });
    for (const wake of this.#waiters) wake();
  };

  find(predicate: (item: Received) => boolean): Received | undefined {
    return this.items.find(predicate);
  }

  async waitFor(predicate: (item: Received) => boolean, what: string, timeoutMs = 5000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.items.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      assert.ok(left > 0, `timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }

  response(id: JsonRpcId): Promise<Received> {
    return this.waitFor((item) => !('method' in item.message) && item.message.id === id, `response ${id}`);
  }
}

function captureLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') records.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), records };
}

function resultText(item: Received): string {
  const message = item.message as { result?: { content?: { type: string; text: string }[] } };
  const text = message.result?.content?.[0]?.text;
  assert.equal(typeof text, 'string', `expected a text result, got ${JSON.stringify(item.message)}`);
  return text!;
}

async function handshake(transport: UpstreamTransport, inbox: Inbox, protocolVersion = '2025-11-25'): Promise<Received> {
  await transport.send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'portcullis-test', version: '0.0.0' } },
  });
  const initialized = await inbox.response(1);
  const result = (initialized.message as { result?: { protocolVersion?: string } }).result;
  assert.equal(result?.protocolVersion, protocolVersion);
  await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  transport.setProtocolVersion(protocolVersion);
  return initialized;
}

function callTool(transport: UpstreamTransport, id: JsonRpcId, name: string, args: Record<string, unknown>, meta?: Record<string, unknown>): Promise<void> {
  return transport.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) } });
}

/** isGone treats a zombie as gone: in containers whose PID 1 does not reap, a killed orphan stays a zombie. */
function isGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  }
}

async function waitUntil(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function closedPortOrigin(): Promise<string> {
  const { server, origin } = await listen(() => undefined);
  server.close();
  await once(server, 'close');
  return origin;
}

describe('StdioTransport', () => {
  const { logger, records } = captureLogger();
  const inbox = new Inbox();
  const previousSecret = process.env.PORTCULLIS_TEST_SECRET;
  let transport: StdioTransport;
  const cleanups: (() => Promise<void> | void)[] = [];

  before(async () => {
    process.env.PORTCULLIS_TEST_SECRET = 'do-not-leak';
    transport = new StdioTransport({ serverId: 'echo-stdio', command: process.execPath, args: echoArgs, env: { PORTCULLIS_PASSED: 'yes' }, cwd: repoRoot, logger });
    transport.onmessage = inbox.push;
    await transport.start(AbortSignal.timeout(10_000));
    cleanups.push(() => transport.close());
  });

  after(async () => {
    if (previousSecret === undefined) delete process.env.PORTCULLIS_TEST_SECRET;
    else process.env.PORTCULLIS_TEST_SECRET = previousSecret;
    for (const cleanup of cleanups) await cleanup();
  });

  test('initializes and calls a tool over stdin and stdout', async () => {
    const initialized = await handshake(transport, inbox);
    assert.equal(initialized.cause, undefined);
    await callTool(transport, 2, 'echo', { text: 'hello stdio' });
    assert.equal(resultText(await inbox.response(2)), 'hello stdio');
  });

  test('logs the child stderr at info with the server id', async () => {
    await waitUntil(() => records.some((record) => typeof record.msg === 'string' && record.msg.startsWith('echo-stdio-server ready')), 'the stderr line', 5000);
    const record = records.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('echo-stdio-server ready'))!;
    assert.equal(record.server, 'echo-stdio');
    assert.equal(record.level, 30);
  });

  test('gives the child only the safe environment plus what the config passes', async () => {
    await callTool(transport, 3, 'env', {});
    const names = JSON.parse(resultText(await inbox.response(3))) as string[];
    assert.ok(names.includes('PORTCULLIS_PASSED'), 'the explicitly passed variable is missing');
    assert.ok(names.includes('PATH'), 'PATH is missing');
    assert.ok(!names.includes('PORTCULLIS_TEST_SECRET'), 'the gateway environment leaked into the child');
  });

  test('close() ends the child, and send rejects afterwards', async () => {
    const pid = transport.pid;
    assert.ok(pid !== undefined && !isGone(pid), 'the child should be running before close()');
    let closeReason: Error | undefined;
    transport.onclose = (reason) => (closeReason = reason);
    await transport.close();
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
    await assert.rejects(callTool(transport, 4, 'echo', { text: 'late' }), /not running/);
    assert.equal(closeReason, undefined, 'onclose must not fire for close()');
  });

  test('reports an unexpected exit once, with the exit code and the last stderr lines', async () => {
    const child = new StdioTransport({
      serverId: 'crasher',
      command: process.execPath,
      args: ['-e', 'console.error("loading config"); console.error("boom: bad config"); setTimeout(() => process.exit(3), 50)'],
      env: {},
      cwd: repoRoot,
      logger,
    });
    const reasons: Error[] = [];
    child.onclose = (reason) => reasons.push(reason);
    await child.start(AbortSignal.timeout(5000));
    cleanups.push(() => child.close());
    await waitUntil(() => reasons.length > 0, 'onclose', 5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(reasons.length, 1);
    assert.match(reasons[0]!.message, /code 3/);
    assert.match(reasons[0]!.message, /boom: bad config/);
    await assert.rejects(child.send({ jsonrpc: '2.0', method: 'notifications/initialized' }), /not running/);
  });

  test('logs a non-JSON stdout line as a warning and keeps reading', async () => {
    const child = new StdioTransport({
      serverId: 'chatty',
      command: process.execPath,
      args: ['-e', 'console.log("Server listening (banner)"); console.log(JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "after banner" } })); setInterval(() => {}, 1000)'],
      env: {},
      cwd: repoRoot,
      logger,
    });
    const chattyInbox = new Inbox();
    child.onmessage = chattyInbox.push;
    await child.start(AbortSignal.timeout(5000));
    cleanups.push(() => child.close());
    const notification = await chattyInbox.waitFor((item) => 'method' in item.message && item.message.method === 'notifications/message', 'the notification');
    assert.equal((notification.message as { params?: { data?: string } }).params?.data, 'after banner');
    const warning = records.find((record) => record.server === 'chatty' && record.level === 40);
    assert.equal(warning?.line, 'Server listening (banner)');
    await child.close();
  });

  test('start rejects with the command named when it does not exist', async () => {
    const missing = new StdioTransport({ serverId: 'missing', command: 'portcullis-no-such-command', args: [], env: {}, cwd: repoRoot, logger });
    await assert.rejects(missing.start(AbortSignal.timeout(5000)), /command not found: portcullis-no-such-command/);
    const badCwd = new StdioTransport({ serverId: 'bad-cwd', command: process.execPath, args: [], env: {}, cwd: '/nonexistent/portcullis', logger });
    await assert.rejects(badCwd.start(AbortSignal.timeout(5000)), /working directory does not exist: \/nonexistent\/portcullis/);
  });

  test('the watchdog ends the child when the gateway is SIGKILLed', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', path.join(fixtures, 'spawn-and-hang.ts')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    });
    const [line] = (await once(parent.stdout!.setEncoding('utf8'), 'data')) as [string];
    const { pid, grandchild } = JSON.parse(line.split('\n')[0]!) as { pid: number; grandchild: number };
    cleanups.push(() => {
      for (const each of [pid, grandchild]) if (!isGone(each)) process.kill(each, 'SIGKILL');
    });
    assert.ok(!isGone(pid) && !isGone(grandchild), 'the child and grandchild should run while the parent lives');
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    await waitUntil(() => isGone(pid), `child ${pid} to be gone after its parent was killed`, 3000);
    await waitUntil(() => isGone(grandchild), `grandchild ${grandchild} to be gone after its parent was killed`, 3000);
  });

  test('a closed transport leaves nothing that keeps the gateway alive', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', path.join(fixtures, 'spawn-and-hang.ts'), '--close'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    });
    let output = '';
    parent.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => parent.kill('SIGKILL'), 8000);
    const [code, signal] = (await once(parent, 'exit')) as [number | null, string | null];
    clearTimeout(timer);
    assert.equal(signal, null, 'the parent hung after close() and had to be killed');
    assert.equal(code, 0);
    const { pid, grandchild } = JSON.parse(output.split('\n')[0]!) as { pid: number; grandchild: number };
    assert.ok(isGone(pid), `child ${pid} outlived close()`);
    await waitUntil(() => isGone(grandchild), `grandchild ${grandchild} to be gone after close()`, 3000);
    assert.match(output, /"closed":true/);
  });
});

interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

describe('StreamableHttpTransport', () => {
  const { logger } = captureLogger();
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>();
  const seen: SeenRequest[] = [];
  const transports: UpstreamTransport[] = [];
  let origin = '';
  let httpServer: Server;

  before(async () => {
    const started = await listen((req, res) => {
      void (async () => {
        const url = req.url ?? '/';
        seen.push({ method: req.method ?? '', url, headers: req.headers });
        if (url === '/broken') {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('database on fire');
          return;
        }
        const sessionId = req.headers['mcp-session-id'];
        if (typeof sessionId === 'string') {
          const entry = sessions.get(sessionId);
          if (!entry) {
            res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
            return;
          }
          await entry.transport.handleRequest(req, res);
          return;
        }
        const server = createEchoServer();
        const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: randomUUID,
          enableJsonResponse: url === '/mcp-json',
          onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
        });
        await server.connect(transport);
        await transport.handleRequest(req, res);
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    httpServer = started.server;
    origin = started.origin;
  });

  after(async () => {
    for (const transport of transports) await transport.close();
    for (const { server } of sessions.values()) await server.close();
    httpServer.closeAllConnections();
    httpServer.close();
  });

  function connect(pathname: string, serverId = 'echo-http'): { transport: StreamableHttpTransport; inbox: Inbox; reasons: Error[] } {
    let rotation = 0;
    const transport = new StreamableHttpTransport({ serverId, url: origin + pathname, headers: () => ({ 'X-Api-Key': `key-${++rotation}` }), logger });
    const inbox = new Inbox();
    const reasons: Error[] = [];
    transport.onmessage = inbox.push;
    transport.onclose = (reason) => reasons.push(reason);
    transports.push(transport);
    return { transport, inbox, reasons };
  }

  test('initializes and calls a tool, answered on SSE streams, with cause set to the posted id', async () => {
    const { transport, inbox } = connect('/mcp');
    await transport.start(AbortSignal.timeout(5000));
    const initialized = await handshake(transport, inbox);
    assert.equal(initialized.cause, 1);
    assert.ok(transport.sessionId && sessions.has(transport.sessionId), 'the session id was not captured');
    await callTool(transport, 'call-2', 'echo', { text: 'hello http' });
    const response = await inbox.response('call-2');
    assert.equal(response.cause, 'call-2');
    assert.equal(resultText(response), 'hello http');

    const call = seen.find((request) => request.method === 'POST' && request.headers['mcp-session-id'] === transport.sessionId && request.headers['mcp-protocol-version'] === '2025-11-25');
    assert.ok(call, 'the tools/call POST lacked the session or protocol header');
    assert.match(String(call.headers.accept), /application\/json/);
    assert.match(String(call.headers.accept), /text\/event-stream/);
    const keys = new Set(seen.filter((request) => request.headers['mcp-session-id'] === transport.sessionId).map((request) => request.headers['x-api-key']));
    assert.ok(keys.size >= 2, 'headers() was not called per request');
  });

  test('send resolves while a tool call still streams progress, and the progress carries the cause', async () => {
    const { transport, inbox } = connect('/mcp');
    await handshake(transport, inbox);
    await callTool(transport, 7, 'slow', { steps: 3, ms: 150 }, { progressToken: 'p-7' });
    assert.equal(inbox.find((item) => !('method' in item.message) && item.message.id === 7), undefined, 'send waited for the whole stream');
    const response = await inbox.response(7);
    assert.equal(resultText(response), 'done after 3 steps');
    const progress = inbox.items.filter((item) => 'method' in item.message && item.message.method === 'notifications/progress');
    assert.equal(progress.length, 3);
    assert.ok(progress.every((item) => item.cause === 7), 'a progress notification lacked the cause');
  });

  test('opens the standalone GET stream after setProtocolVersion and delivers server messages without a cause', async () => {
    const { transport, inbox } = connect('/mcp');
    await handshake(transport, inbox);
    const entry = sessions.get(transport.sessionId!)!;
    const deadline = Date.now() + 5000;
    // The server drops messages sent before the GET stream is open, so nudge until one arrives.
    while (!inbox.find((item) => 'method' in item.message && item.message.method === 'notifications/tools/list_changed') && Date.now() < deadline) {
      entry.server.sendToolListChanged();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const changed = await inbox.waitFor((item) => 'method' in item.message && item.message.method === 'notifications/tools/list_changed', 'list_changed', 100);
    assert.equal(changed.cause, undefined);
    assert.ok(seen.some((request) => request.method === 'GET' && request.headers['mcp-session-id'] === transport.sessionId && request.headers.accept === 'text/event-stream'), 'no standalone GET with the session header');
  });

  test('handles JSON answers with the cause set', async () => {
    const { transport, inbox } = connect('/mcp-json');
    await handshake(transport, inbox);
    await callTool(transport, 3, 'echo', { text: 'hello json' });
    const response = await inbox.response(3);
    assert.equal(response.cause, 3);
    assert.equal(resultText(response), 'hello json');
  });

  test('a 404 on a known session reports the session expired through onclose', async () => {
    const { transport, inbox, reasons } = connect('/mcp');
    await handshake(transport, inbox);
    const entry = sessions.get(transport.sessionId!)!;
    sessions.delete(transport.sessionId!);
    await entry.server.close();
    // Either the POST or the reopened GET stream may meet the 404 first; both must end the transport the same way.
    const rejection = await callTool(transport, 2, 'echo', { text: 'gone' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(rejection instanceof Error, 'send should reject on an expired session');
    if (rejection instanceof UpstreamHttpError) assert.equal(rejection.status, 404);
    else assert.equal(rejection.message, 'upstream session expired');
    await assert.rejects(callTool(transport, 3, 'echo', { text: 'after' }), /upstream session expired/);
    assert.deepEqual(
      reasons.map((reason) => reason.message),
      ['upstream session expired'],
    );
  });

  test('an HTTP error rejects send with the status and a body excerpt', async () => {
    const { transport } = connect('/broken');
    const rejection = await transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(rejection instanceof UpstreamHttpError, `expected an UpstreamHttpError, got ${String(rejection)}`);
    assert.equal(rejection.status, 500);
    assert.match(rejection.message, /database on fire/);
  });

  test('connection refused rejects send', async () => {
    const refused = new StreamableHttpTransport({ serverId: 'down', url: `${await closedPortOrigin()}/mcp`, headers: () => ({}), logger });
    transports.push(refused);
    await refused.start(AbortSignal.timeout(1000));
    await assert.rejects(refused.send({ jsonrpc: '2.0', id: 1, method: 'ping' }), /upstream "down" unreachable.*ECONNREFUSED/);
  });

  test('close() deletes the session and ends the standalone stream', async () => {
    const { transport, inbox } = connect('/mcp');
    await handshake(transport, inbox);
    const sessionId = transport.sessionId!;
    await waitUntil(() => seen.some((request) => request.method === 'GET' && request.headers['mcp-session-id'] === sessionId), 'the GET stream', 3000);
    const before = seen.length;
    await transport.close();
    assert.ok(seen.slice(before).some((request) => request.method === 'DELETE' && request.headers['mcp-session-id'] === sessionId), 'close() sent no DELETE');
    await assert.rejects(transport.send({ jsonrpc: '2.0', id: 9, method: 'ping' }), /closed/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(seen.slice(before).filter((request) => request.method === 'GET').length, 0, 'the GET stream was reopened after close');
  });
});

describe('SseTransport', () => {
  const { logger } = captureLogger();
  const sessions = new Map<string, { transport: SSEServerTransport; server: McpServer; response: ServerResponse }>();
  const transports: UpstreamTransport[] = [];
  let origin = '';
  let httpServer: Server;

  before(async () => {
    const started = await listen((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (req.method === 'GET' && url.pathname === '/sse') {
          const transport = new SSEServerTransport('/messages', res);
          const server = createEchoServer();
          sessions.set(transport.sessionId, { transport, server, response: res });
          await server.connect(transport);
          return;
        }
        const entry = sessions.get(url.searchParams.get('sessionId') ?? '');
        if (req.method === 'POST' && url.pathname === '/messages' && entry) {
          await entry.transport.handlePostMessage(req, res);
          return;
        }
        res.writeHead(404).end();
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    httpServer = started.server;
    origin = started.origin;
  });

  after(async () => {
    for (const transport of transports) await transport.close();
    for (const { server } of sessions.values()) await server.close();
    httpServer.closeAllConnections();
    httpServer.close();
  });

  function connect(): { transport: SseTransport; inbox: Inbox; reasons: Error[] } {
    const transport = new SseTransport({ serverId: 'echo-sse', url: `${origin}/sse`, headers: () => ({ Authorization: 'Bearer upstream-token' }), logger });
    const inbox = new Inbox();
    const reasons: Error[] = [];
    transport.onmessage = inbox.push;
    transport.onclose = (reason) => reasons.push(reason);
    transports.push(transport);
    return { transport, inbox, reasons };
  }

  test('waits for the endpoint event, then initializes and calls a tool', async () => {
    const { transport, inbox } = connect();
    await transport.start(AbortSignal.timeout(5000));
    assert.match(transport.endpoint ?? '', new RegExp(`^${origin}/messages\\?sessionId=`));
    const initialized = await handshake(transport, inbox, '2024-11-05');
    assert.equal(initialized.cause, undefined);
    await callTool(transport, 2, 'echo', { text: 'hello sse' });
    assert.equal(resultText(await inbox.response(2)), 'hello sse');
  });

  test('the stream ending calls onclose once', async () => {
    const { transport, inbox, reasons } = connect();
    await transport.start(AbortSignal.timeout(5000));
    await handshake(transport, inbox, '2024-11-05');
    const sessionId = new URL(transport.endpoint!).searchParams.get('sessionId')!;
    await sessions.get(sessionId)!.server.close();
    await waitUntil(() => reasons.length > 0, 'onclose', 3000);
    assert.equal(reasons.length, 1);
    assert.match(reasons[0]!.message, /closed its event stream/);
    await assert.rejects(callTool(transport, 3, 'echo', { text: 'late' }), /not connected/);
  });

  test('close() drops the stream without calling onclose', async () => {
    const { transport, reasons } = connect();
    await transport.start(AbortSignal.timeout(5000));
    const sessionId = new URL(transport.endpoint!).searchParams.get('sessionId')!;
    const response = sessions.get(sessionId)!.response;
    const dropped = once(response, 'close');
    await transport.close();
    await dropped;
    assert.deepEqual(reasons, []);
  });

  test('connection refused rejects start', async () => {
    const refused = new SseTransport({ serverId: 'down-sse', url: `${await closedPortOrigin()}/sse`, headers: () => ({}), logger });
    await assert.rejects(refused.start(AbortSignal.timeout(2000)), /upstream "down-sse" unreachable.*ECONNREFUSED/);
  });
});

describe('SseParser', () => {
  test('joins multi-line data, skips comments and survives any chunk boundary', () => {
    const stream = ': keep-alive\r\nevent: endpoint\r\ndata: /messages?sessionId=1\r\n\r\nid: 7\ndata: {"a":\ndata:  1}\n\nevent: empty\n\ndata\n\n';
    const expected = [
      { event: 'endpoint', data: '/messages?sessionId=1', id: undefined },
      { event: 'message', data: '{"a":\n 1}', id: '7' },
      { event: 'message', data: '', id: '7' },
    ];
    assert.deepEqual(new SseParser().feed(stream), expected);
    for (let size = 1; size <= 5; size++) {
      const parser = new SseParser();
      const events = [];
      for (let at = 0; at < stream.length; at += size) events.push(...parser.feed(stream.slice(at, at + size)));
      assert.deepEqual(events, expected, `chunks of ${size} characters`);
    }
  });

  test('holds back an unterminated event and a trailing CR', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.feed('data: a\r'), []);
    assert.deepEqual(parser.feed('\ndata: b'), []);
    assert.deepEqual(parser.feed('\r\n\r'), []);
    assert.deepEqual(parser.end(), [{ event: 'message', data: 'a\nb', id: undefined }]);
  });
});
