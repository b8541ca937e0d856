/**
 * stdio-load drives an MCP server over stdio in-process: newline-delimited JSON-RPC written to its
 * stdin, answers read from its stdout and matched by id. The HTTP load generator cannot reach a
 * stdio server, so this is how `direct-stdio` (the fast upstream with no gateway) is measured; it
 * shares closedLoop with load.ts, so the window, warm-up and latency figures are the same.
 */
import type { ChildProcess } from 'node:child_process';
import { protocolVersion } from './mcp-client.ts';
import { PendingAnswers, resultOf } from './pending-answers.ts';
import { checkEcho, closedLoop, echoCallPayload, type ClosedLoopOptions, type LoadResult } from './load.ts';

/**
 * StdioConnection is one MCP client on a child's stdin/stdout. A stdio server is one session, so
 * it is initialized once and then carries every level's calls.
 */
export class StdioConnection {
  private readonly pending = new PendingAnswers();
  private buffered = '';
  private nextId = -1;

  constructor(private readonly child: ChildProcess) {
    if (!child.stdin || !child.stdout) throw new Error('the child has no stdin/stdout pipes');
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
    child.once('exit', (code, signal) => this.pending.fail(`the process exited (${code ?? signal})`));
    child.stdin.on('error', (caught: Error) => this.pending.fail(`stdin: ${caught.message}`));
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      newline = this.buffered.indexOf('\n');
      if (line.trim() !== '') this.pending.deliver(line);
    }
  }

  /** send writes one serialized request and resolves with the answer carrying its id. */
  send(id: number, payload: string): Promise<Record<string, unknown>> {
    const answer = this.pending.wait(id);
    if (this.pending.closedReason === undefined) this.child.stdin!.write(payload + '\n');
    return answer;
  }

  /** request sends a request with an id of its own (negative, so it never meets a load id) and returns its result. */
  request(method: string, params: unknown): Promise<Record<string, unknown>> {
    return resultOf((id, payload) => this.send(id, payload), this.nextId--, method, params);
  }

  notify(method: string): void {
    this.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', method }) + '\n');
  }

  /** initialize performs the MCP handshake and checks that the server lists the tool. */
  async initialize(toolName: string): Promise<void> {
    await this.request('initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 'portcullis-bench', version: '1.0.0' } });
    this.notify('notifications/initialized');
    const listed = await this.request('tools/list', {});
    const tools = Array.isArray(listed['tools']) ? (listed['tools'] as Array<{ name?: unknown }>) : [];
    if (!tools.some((tool) => tool.name === toolName)) throw new Error(`tools/list has no ${toolName}`);
  }
}

/** StdioLoadOptions says which tool to call on the connection, how hard and for how long. */
export interface StdioLoadOptions extends ClosedLoopOptions {
  readonly toolName: string;
}

/** runStdioLoad keeps `concurrency` echo calls in flight on an initialized stdio connection. */
export function runStdioLoad(connection: StdioConnection, options: StdioLoadOptions): Promise<LoadResult> {
  const payload = echoCallPayload(options.toolName);
  return closedLoop(options, async (id) => {
    const answer = await connection.send(id, payload(id));
    return checkEcho(answer, () => '');
  });
}
