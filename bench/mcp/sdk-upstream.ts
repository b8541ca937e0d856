/**
 * sdk-upstream is what a typical real MCP server costs: the official TypeScript SDK's McpServer
 * on its StreamableHTTPServerTransport, stateful (one transport and one McpServer per session, the
 * SDK's documented pattern), default options (answers as SSE streams), one tool `echo` returning
 * its `text` argument as text. It is deliberately not tuned: the fast upstream is the floor, this
 * is the common case.
 *
 *   node --import tsx bench/mcp/sdk-upstream.ts    Streamable HTTP on 127.0.0.1:$PORT/mcp
 *                                                  (PORT=0 picks a port; the address is logged as
 *                                                  {"address":"127.0.0.1:PORT"})
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

function createServer(): McpServer {
  const server = new McpServer({ name: 'portcullis-bench-sdk-upstream', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Returns its text argument unchanged.', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}

function sendError(response: http.ServerResponse, status: number, code: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}

const transports = new Map<string, StreamableHTTPServerTransport>();

const httpServer = http.createServer((request, response) => {
  if (request.url !== '/mcp') {
    response.writeHead(404).end();
    return;
  }
  const header = request.headers['mcp-session-id'];
  const sessionId = typeof header === 'string' ? header : undefined;
  if (request.method !== 'POST') {
    const transport = sessionId === undefined ? undefined : transports.get(sessionId);
    if (!transport) {
      sendError(response, 400, -32000, 'missing or unknown Mcp-Session-Id');
      return;
    }
    void transport.handleRequest(request, response);
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      sendError(response, 400, -32700, 'parse error');
      return;
    }
    const existing = sessionId === undefined ? undefined : transports.get(sessionId);
    if (existing) {
      void existing.handleRequest(request, response, body);
      return;
    }
    if (sessionId !== undefined || !isInitializeRequest(body)) {
      sendError(response, sessionId === undefined ? 400 : 404, -32000, sessionId === undefined ? 'missing Mcp-Session-Id' : 'session not found');
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (created) => {
        transports.set(created, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) transports.delete(transport.sessionId);
    };
    void createServer()
      .connect(transport)
      .then(() => transport.handleRequest(request, response, body));
  });
});
// Clients of a benchmark keep connections open for its whole length.
httpServer.keepAliveTimeout = 300_000;
httpServer.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(JSON.stringify({ level: 'info', message: 'sdk upstream listening', address: `127.0.0.1:${port}` }) + '\n');
});
const stop = (): void => {
  httpServer.close();
  httpServer.closeAllConnections();
  for (const transport of transports.values()) void transport.close();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
