/**
 * fast-upstream is a deliberately minimal MCP server for benchmarks: hand-written JSON-RPC on
 * node:http (Streamable HTTP) or on newline-delimited stdio, no SDK, so that the upstream is never
 * what a data-plane benchmark measures. It serves one tool, `echo`, which returns its `text`
 * argument as text content.
 *
 *   node --import tsx bench/mcp/fast-upstream.ts           Streamable HTTP on 127.0.0.1:$PORT/mcp
 *                                                          (PORT=0 picks a port; the address is
 *                                                          logged as {"address":"127.0.0.1:PORT"})
 *   node --import tsx bench/mcp/fast-upstream.ts --stdio   newline-delimited JSON-RPC on stdin/stdout
 *
 * It never sends server-to-client requests or notifications, so GET /mcp (the standalone SSE
 * stream) answers 405, which the specification allows.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

type JsonRpcId = string | number;

interface JsonRpcMessage {
  readonly jsonrpc?: unknown;
  readonly id?: JsonRpcId | null;
  readonly method?: unknown;
  readonly params?: Record<string, unknown>;
}

const supportedProtocolVersions = new Set(['2025-06-18', '2025-03-26', '2024-11-05']);
const latestProtocolVersion = '2025-06-18';

const echoTool = {
  name: 'echo',
  description: 'Returns its text argument unchanged.',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false },
};

function result(id: JsonRpcId, value: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result: value });
}

function error(id: JsonRpcId | null, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });
}

/**
 * answer returns the serialized JSON-RPC response to one request, or undefined for a
 * notification or a client's response, which get no answer.
 */
function answer(message: JsonRpcMessage): string | undefined {
  const { id, method } = message;
  if (id === undefined || id === null) return undefined;
  if (typeof method !== 'string') return undefined;
  switch (method) {
    case 'initialize': {
      const requested = message.params?.['protocolVersion'];
      const protocolVersion = typeof requested === 'string' && supportedProtocolVersions.has(requested) ? requested : latestProtocolVersion;
      return result(id, { protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'portcullis-bench-fast-upstream', version: '1.0.0' } });
    }
    case 'ping':
      return result(id, {});
    case 'tools/list':
      return result(id, { tools: [echoTool] });
    case 'tools/call': {
      const name = message.params?.['name'];
      if (name !== 'echo') return error(id, -32602, `unknown tool: ${String(name)}`);
      const args = message.params?.['arguments'];
      const text = typeof args === 'object' && args !== null ? (args as Record<string, unknown>)['text'] : undefined;
      return result(id, { content: [{ type: 'text', text: typeof text === 'string' ? text : '' }] });
    }
    default:
      return error(id, -32601, `method not found: ${method}`);
  }
}

function parse(text: string): JsonRpcMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRpcMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** startHttpUpstream listens on host:port and resolves with the server once it is listening. */
export async function startHttpUpstream(port: number, host = '127.0.0.1'): Promise<http.Server> {
  const sessions = new Set<string>();
  const server = http.createServer((request, response) => {
    if (request.url !== '/mcp') {
      response.writeHead(404).end();
      return;
    }
    const sessionId = request.headers['mcp-session-id'];
    if (request.method === 'DELETE') {
      response.writeHead(typeof sessionId === 'string' && sessions.delete(sessionId) ? 200 : 404).end();
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST, DELETE' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const message = parse(Buffer.concat(chunks).toString('utf8'));
      if (!message) {
        response.writeHead(400, { 'content-type': 'application/json' }).end(error(null, -32700, 'parse error'));
        return;
      }
      if (message.method === 'initialize') {
        const created = randomUUID();
        sessions.add(created);
        response.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': created }).end(answer(message));
        return;
      }
      if (typeof sessionId !== 'string') {
        response.writeHead(400, { 'content-type': 'application/json' }).end(error(message.id ?? null, -32000, 'missing Mcp-Session-Id'));
        return;
      }
      if (!sessions.has(sessionId)) {
        response.writeHead(404, { 'content-type': 'application/json' }).end(error(message.id ?? null, -32001, 'session not found'));
        return;
      }
      const body = answer(message);
      if (body === undefined) response.writeHead(202).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  // Clients of a benchmark keep connections open for its whole length.
  server.keepAliveTimeout = 300_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

/** serveStdio answers newline-delimited JSON-RPC on stdin until stdin closes. */
export function serveStdio(): void {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    const message = parse(line);
    const body = message ? answer(message) : error(null, -32700, 'parse error');
    if (body !== undefined) process.stdout.write(body + '\n');
  });
  lines.on('close', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--stdio')) {
    serveStdio();
  } else {
    const server = await startHttpUpstream(Number(process.env['PORT'] ?? 0));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(JSON.stringify({ level: 'info', message: 'fast upstream listening', address: `127.0.0.1:${port}` }) + '\n');
    const stop = (): void => {
      server.close();
      server.closeAllConnections();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
}
