/**
 * One contract, two engines: every test here runs against node:http (the reference) and
 * hyper-express, over real sockets with undici.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Agent, fetch } from 'undici';
import type { HttpExchange, HttpServerHandle, ListenOptions, ResponseStream } from '../gateway/http/exchange.ts';
import { listenHyperExpress } from '../gateway/http/hyper-express-engine.ts';
import { listen } from '../gateway/http/listen.ts';
import { listenNodeHttp } from '../gateway/http/node-http-engine.ts';
import { waitFor } from './support/wait-for.ts';

const maxBodyBytes = 64 * 1024;

const engines: { name: string; listen: (options: ListenOptions, handler: (exchange: HttpExchange) => void) => Promise<HttpServerHandle> }[] = [
  { name: 'node:http', listen: listenNodeHttp },
  { name: 'hyper-express', listen: listenHyperExpress },
];

/** readUntil reads a response body until `text` appears, and returns everything read so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  const decoder = new TextDecoder();
  let received = '';
  while (!received.includes(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(text)}; got ${JSON.stringify(received)}`);
    received += decoder.decode(value, { stream: true });
  }
  return received;
}

/** shutdown stops a server the way the gateway does: stop accepting, then end what remains. */
async function shutdown(server: HttpServerHandle): Promise<void> {
  await server.stopAccepting();
  await server.close();
}

/** OpenStream is one server-side event stream the tests drive directly. */
interface OpenStream {
  readonly exchange: HttpExchange;
  readonly stream: ResponseStream;
  closeEvents: number;
}

for (const engine of engines) {
  describe(`HTTP engine ${engine.name}`, { timeout: 10_000 }, () => {
    let server: HttpServerHandle;
    let base: string;
    let agent: Agent;
    let handled = 0;
    let pendingBodies = 0;
    const streams = new Map<string, OpenStream>();

    before(async () => {
      server = await engine.listen({ host: '127.0.0.1', port: 0, maxBodyBytes }, (exchange) => {
        handled++;
        const params = new URLSearchParams(exchange.query);
        if (exchange.path === '/stream') {
          const stream = exchange.openStream(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          const open: OpenStream = { exchange, stream, closeEvents: 0 };
          exchange.onClose(() => open.closeEvents++);
          streams.set(params.get('id') ?? '', open);
          if (params.has('first')) stream.write(`data: ${params.get('first')}\n\n`);
          return;
        }
        const limit = Number(params.get('limit') ?? maxBodyBytes);
        pendingBodies++;
        exchange.readBody(limit).finally(() => pendingBodies--).then(
          (body) => {
            const echo = {
              method: exchange.method,
              path: exchange.path,
              query: exchange.query,
              remoteAddress: exchange.remoteAddress,
              foo: exchange.header('x-foo') ?? null,
              body: body === null ? null : body.toString('utf8'),
            };
            exchange.reply(body === null ? 413 : 200, { 'Content-Type': 'application/json', 'mcp-session-id': 'session-1' }, JSON.stringify(echo));
          },
          () => exchange.reply(400, {}),
        );
      });
      base = `http://127.0.0.1:${server.port}`;
      agent = new Agent({ connections: 8 });
    });

    after(async () => {
      for (const open of streams.values()) open.stream.end();
      await agent.close();
      await shutdown(server);
    });

    test('reports the engine and the real port when asked for port 0', () => {
      assert.equal(server.engine, engine.name);
      assert.ok(server.port > 0);
    });

    test('routes every method, path and query to the one handler', async () => {
      const cases: [string, string, string, string][] = [
        ['GET', '/', '/', ''],
        ['GET', '/a/b/c?x=1&y=two', '/a/b/c', 'x=1&y=two'],
        ['POST', '/mcp', '/mcp', ''],
        ['DELETE', '/mcp?session=1', '/mcp', 'session=1'],
        ['PATCH', '/deep/er/path/', '/deep/er/path/', ''],
        ['OPTIONS', '/mcp', '/mcp', ''],
        ['PUT', '/x?', '/x', ''],
      ];
      for (const [method, url, path, query] of cases) {
        const response = await fetch(base + url, { method, dispatcher: agent, body: method === 'POST' ? '{}' : undefined });
        assert.equal(response.status, 200, `${method} ${url}`);
        const echo = (await response.json()) as Record<string, unknown>;
        assert.deepEqual({ method: echo.method, path: echo.path, query: echo.query }, { method, path, query }, `${method} ${url}`);
        assert.equal(echo.remoteAddress, '127.0.0.1');
      }
    });

    test('looks headers up case-insensitively and sends custom reply headers', async () => {
      const response = await fetch(`${base}/h`, { headers: { 'X-Foo': 'Bar' }, dispatcher: agent });
      const echo = (await response.json()) as Record<string, unknown>;
      assert.equal(echo.foo, 'Bar');
      assert.equal(response.headers.get('mcp-session-id'), 'session-1');
      assert.equal(response.headers.get('content-type'), 'application/json');
    });

    test('reads a body under the handler limit and gives null over it', async () => {
      const under = await fetch(`${base}/b?limit=10`, { method: 'POST', body: 'hello', dispatcher: agent });
      assert.equal(under.status, 200);
      assert.equal(((await under.json()) as Record<string, unknown>).body, 'hello');
      const over = await fetch(`${base}/b?limit=10`, { method: 'POST', body: 'x'.repeat(11), dispatcher: agent });
      assert.equal(over.status, 413);
      assert.equal(((await over.json()) as Record<string, unknown>).body, null);
      const exact = await fetch(`${base}/b?limit=10`, { method: 'POST', body: 'y'.repeat(10), dispatcher: agent });
      assert.equal(((await exact.json()) as Record<string, unknown>).body, 'y'.repeat(10));
    });

    test('reads a chunked body and applies the limit to it', async () => {
      const chunked = (text: string, times: number) =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < times; i++) controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        });
      const under = await fetch(`${base}/c?limit=100`, { method: 'POST', body: chunked('ab', 10), duplex: 'half', dispatcher: agent });
      assert.equal(((await under.json()) as Record<string, unknown>).body, 'ab'.repeat(10));
      const over = await fetch(`${base}/c?limit=100`, { method: 'POST', body: chunked('ab', 51), duplex: 'half', dispatcher: agent });
      assert.equal(over.status, 413);
    });

    test('answers 413 to a body above maxBodyBytes and keeps serving', async () => {
      const before = handled;
      const response = await fetch(`${base}/too-big`, { method: 'POST', body: 'z'.repeat(maxBodyBytes + 1), dispatcher: agent });
      assert.equal(response.status, 413);
      await response.arrayBuffer();
      // hyper-express refuses before the handler runs; node:http leaves it to readBody.
      assert.equal(handled - before, engine.name === 'hyper-express' ? 0 : 1);
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i <= maxBodyBytes / 1024; i++) controller.enqueue(new Uint8Array(1024).fill(97));
          controller.close();
        },
      });
      const chunked = await fetch(`${base}/too-big-chunked`, { method: 'POST', body: chunks, duplex: 'half', dispatcher: agent });
      assert.equal(chunked.status, 413);
      await chunked.arrayBuffer();
      // hyper-express answered that one itself, mid-read: readBody must still settle.
      await waitFor(() => pendingBodies === 0, 'readBody to settle');
      const next = await fetch(`${base}/after`, { dispatcher: agent });
      assert.equal(next.status, 200);
      await next.arrayBuffer();
    });

    test('streams events as they are written, then ends', async () => {
      const response = await fetch(`${base}/stream?id=live&first=one`, { dispatcher: agent });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const reader = response.body!.getReader();
      await readUntil(reader, 'data: one\n\n');
      const open = streams.get('live')!;
      assert.equal(open.stream.closed, false, 'the first event arrived while the stream is still open');
      open.stream.write('data: two\n\n');
      await readUntil(reader, 'data: two\n\n');
      open.stream.end();
      assert.equal(open.stream.closed, true);
      assert.equal((await reader.read()).done, true);
      // A normal end is not a client going away.
      assert.equal(open.closeEvents, 0);
    });

    test('sends the headers of a stream before its first event', async () => {
      const response = await fetch(`${base}/stream?id=quiet`, { dispatcher: agent, signal: AbortSignal.timeout(2000) });
      assert.equal(response.status, 200);
      const open = streams.get('quiet')!;
      open.stream.write('data: late\n\n');
      await readUntil(response.body!.getReader(), 'data: late\n\n');
      open.stream.end();
    });

    test('calls onClose and reports closed when the client aborts', async () => {
      const controller = new AbortController();
      const response = await fetch(`${base}/stream?id=abort&first=hi`, { dispatcher: agent, signal: controller.signal });
      await readUntil(response.body!.getReader(), 'data: hi');
      const open = streams.get('abort')!;
      assert.equal(open.exchange.closed, false);
      controller.abort();
      await waitFor(() => open.closeEvents === 1, 'onClose after abort');
      assert.equal(open.exchange.closed, true);
      assert.equal(open.stream.closed, true);
      open.stream.write('data: ignored\n\n');
      open.stream.end();
      assert.equal(open.closeEvents, 1);
    });

    test('serves 50 concurrent requests over keep-alive connections', async () => {
      const bodies = Array.from({ length: 50 }, (_, i) => `request-${i}-${'p'.repeat(i * 100)}`);
      const echoes = await Promise.all(
        bodies.map(async (body, i) => {
          const response = await fetch(`${base}/concurrent?i=${i}`, { method: 'POST', body, dispatcher: agent });
          return (await response.json()) as Record<string, unknown>;
        }),
      );
      echoes.forEach((echo, i) => {
        assert.equal(echo.body, bodies[i]);
        assert.equal(echo.query, `i=${i}`);
      });
    });

    // Last: it stops the server from accepting.
    test('stopAccepting refuses new connections while an open stream still gets writes', async () => {
      const response = await fetch(`${base}/stream?id=drain&first=before`, { dispatcher: agent });
      const reader = response.body!.getReader();
      await readUntil(reader, 'data: before');
      await server.stopAccepting();
      const fresh = new Agent();
      try {
        await assert.rejects(fetch(`${base}/new`, { dispatcher: fresh }), (error: Error & { cause?: { code?: string } }) => {
          assert.equal(error.cause?.code, 'ECONNREFUSED');
          return true;
        });
      } finally {
        await fresh.close();
      }
      const open = streams.get('drain')!;
      open.stream.write('data: after\n\n');
      await readUntil(reader, 'data: after');
      open.stream.end();
      assert.equal((await reader.read()).done, true);
    });
  });
}

describe('HTTP engine remote address', () => {
  for (const engine of engines) {
    test(`${engine.name}: an IPv4 client of a dual-stack listener reads as ::ffff:a.b.c.d`, async (t) => {
      let server: HttpServerHandle;
      try {
        server = await engine.listen({ host: '::', port: 0, maxBodyBytes }, (exchange) => exchange.reply(200, {}, exchange.remoteAddress));
      } catch {
        t.skip('no IPv6 on this machine');
        return;
      }
      const agent = new Agent();
      try {
        const response = await fetch(`http://127.0.0.1:${server.port}/`, { dispatcher: agent });
        assert.equal(await response.text(), '::ffff:127.0.0.1');
      } finally {
        await agent.close();
        await shutdown(server);
      }
    });
  }
});

describe('HTTP engine close', { timeout: 10_000 }, () => {
  for (const engine of engines) {
    test(`${engine.name}: close() ends an open stream and fires onClose`, async () => {
      let exchange: HttpExchange | undefined;
      let closeEvents = 0;
      const server = await engine.listen({ host: '127.0.0.1', port: 0, maxBodyBytes }, (incoming) => {
        exchange = incoming;
        incoming.onClose(() => closeEvents++);
        incoming.openStream(200, { 'content-type': 'text/event-stream' }).write('data: open\n\n');
      });
      const agent = new Agent();
      try {
        const response = await fetch(`http://127.0.0.1:${server.port}/`, { dispatcher: agent });
        const reader = response.body!.getReader();
        await readUntil(reader, 'data: open');
        await server.close();
        await assert.rejects(async () => {
          for (;;) if ((await reader.read()).done) throw new Error('ended cleanly instead of being cut off');
        });
        await waitFor(() => closeEvents === 1, 'onClose after close()');
        assert.equal(exchange?.closed, true);
      } finally {
        await agent.close();
        await server.stopAccepting();
      }
    });
  }
});

describe('listen', () => {
  test("'auto' serves on hyper-express where uWebSockets.js has a native build", async () => {
    const reasons: string[] = [];
    const server = await listen({ host: '127.0.0.1', port: 0, maxBodyBytes }, (exchange) => exchange.reply(204, {}), 'auto', (reason) => reasons.push(reason));
    try {
      assert.equal(server.engine, 'hyper-express');
      assert.deepEqual(reasons, []);
    } finally {
      await shutdown(server);
    }
  });

  test("'node:http' serves on node:http", async () => {
    const server = await listen({ host: '127.0.0.1', port: 0, maxBodyBytes }, (exchange) => exchange.reply(204, {}), 'node:http');
    try {
      assert.equal(server.engine, 'node:http');
      const agent = new Agent();
      const response = await fetch(`http://127.0.0.1:${server.port}/`, { dispatcher: agent });
      assert.equal(response.status, 204);
      await agent.close();
    } finally {
      await shutdown(server);
    }
  });

  test("'auto' falls back to node:http when uWebSockets.js has no native build", async () => {
    // UWS_USE_FALLBACK makes uWebSockets.js load its JavaScript shim, as it does on Node 22+.
    const script = `
      const { listen } = await import(${JSON.stringify(new URL('../gateway/http/listen.ts', import.meta.url).href)});
      const reasons = [];
      const server = await listen({ host: '127.0.0.1', port: 0, maxBodyBytes: 1024 }, (exchange) => exchange.reply(200, {}, 'ok'), 'auto', (reason) => reasons.push(reason));
      const body = await (await fetch('http://127.0.0.1:' + server.port + '/')).text();
      let forced = '';
      await listen({ host: '127.0.0.1', port: 0, maxBodyBytes: 1024 }, () => {}, 'hyper-express').catch((error) => (forced = error.message));
      console.log(JSON.stringify({ engine: server.engine, body, reasons, forced }));
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, UWS_USE_FALLBACK: '1' },
      timeout: 15_000,
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { engine: string; body: string; reasons: string[]; forced: string };
    assert.equal(outcome.engine, 'node:http');
    assert.equal(outcome.body, 'ok');
    assert.equal(outcome.reasons.length, 1);
    assert.match(outcome.reasons[0]!, /uWebSockets\.js .*not a native build/);
    assert.match(outcome.forced, /not a native build/);
  });

  test('a busy port is an error, not a reason to fall back', async () => {
    const first = await listen({ host: '127.0.0.1', port: 0, maxBodyBytes }, (exchange) => exchange.reply(204, {}), 'hyper-express');
    const reasons: string[] = [];
    try {
      await assert.rejects(listen({ host: '127.0.0.1', port: first.port, maxBodyBytes }, (exchange) => exchange.reply(204, {}), 'auto', (reason) => reasons.push(reason)));
      assert.deepEqual(reasons, []);
    } finally {
      await shutdown(first);
    }
  });
});
