/**
 * hyper-express-floor is the HTTP floor of the machine for this benchmark: bare hyper-express
 * (uWebSockets.js, the gateway's own HTTP engine) answering POST /mcp with canned JSON-RPC. No MCP
 * logic runs: initialize gets a fixed result and an mcp-session-id header, tools/list the echo
 * tool, a notification 202, and every other request the fixed tools/call result (the echo text
 * the load generator sends), with only the request's id spliced in. No HTTP target of this
 * benchmark should beat it.
 *
 *   node --import tsx bench/mcp/hyper-express-floor.ts    POST http://127.0.0.1:$PORT/mcp
 */
import { Server } from 'hyper-express';
import { echoText } from './load.ts';

const json = { 'content-type': 'application/json' };
const initializeResult = JSON.stringify({ protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'portcullis-bench-floor', version: '1.0.0' } });
const toolsListResult = JSON.stringify({
  tools: [{ name: 'echo', description: 'Returns its text argument unchanged.', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }],
});
const callResult = JSON.stringify({ content: [{ type: 'text', text: echoText }] });

function answer(id: unknown, result: string): string {
  return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${result}}`;
}

const server = new Server({ max_body_length: 1024 * 1024 });
server.post('/mcp', async (request, response) => {
  const text = await request.text();
  let message: { id?: unknown; method?: unknown };
  try {
    message = JSON.parse(text) as { id?: unknown; method?: unknown };
  } catch {
    response.status(400).json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
    return;
  }
  if (message.id === undefined || message.id === null) {
    response.status(202).send();
    return;
  }
  if (message.method === 'initialize') {
    response.header('mcp-session-id', 'floor-session').header('content-type', 'application/json').send(answer(message.id, initializeResult));
    return;
  }
  response.header('content-type', json['content-type']).send(answer(message.id, message.method === 'tools/list' ? toolsListResult : callResult));
});
server.delete('/mcp', (_request, response) => {
  response.status(200).send();
});

const port = Number(process.env['PORT'] ?? 0);
await server.listen(port, '127.0.0.1');
process.stdout.write(JSON.stringify({ level: 'info', message: 'hyper-express floor listening', address: `127.0.0.1:${port}` }) + '\n');
const stop = (): void => {
  server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
