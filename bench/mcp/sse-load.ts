/**
 * sse-load drives a server that speaks only the legacy HTTP+SSE transport (MCP 2024-11-05), such
 * as mcp-hub 4.2.1: GET the SSE path opens a stream whose first event, `endpoint`, names the URL
 * to POST messages to; each POST is accepted (202) and its answer arrives later as a `message`
 * event on the stream, matched here by id. POSTs go over an undici Pool of keep-alive connections,
 * one per call in flight, and the stream over a connection of its own. It shares closedLoop with
 * load.ts, so the window, warm-up and latency figures are the same.
 */
import { Client, Pool } from 'undici';
import { PendingAnswers, resultOf } from './pending-answers.ts';
import { checkEcho, closedLoop, echoCallPayload, type ClosedLoopOptions, type LoadResult } from './load.ts';

/** endpointTimeoutMs bounds the wait for the stream's `endpoint` event. */
const endpointTimeoutMs = 10_000;

/** LegacySseSession is one open SSE stream and the message endpoint it announced. */
export class LegacySseSession {
  private readonly pending = new PendingAnswers();
  private nextId = -1;

  private constructor(
    private readonly stream: Client,
    private readonly abort: AbortController,
    readonly pool: Pool,
    /** messagePath is the path and query the `endpoint` event named, e.g. /messages?sessionId=…. */
    readonly messagePath: string,
  ) {}

  /** open GETs the SSE path and resolves once the `endpoint` event has arrived. */
  static async open(origin: string, ssePath: string, connections: number): Promise<LegacySseSession> {
    const stream = new Client(origin, { bodyTimeout: 0, headersTimeout: 10_000 });
    const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
    const abort = new AbortController();
    let session: LegacySseSession | undefined;
    let endpointSeen: (path: string) => void = () => undefined;
    let endpointFailed: (error: Error) => void = () => undefined;
    const endpoint = new Promise<string>((resolve, reject) => {
      endpointSeen = resolve;
      endpointFailed = reject;
    });
    const timer = setTimeout(() => endpointFailed(new Error(`no endpoint event within ${endpointTimeoutMs / 1000} s`)), endpointTimeoutMs);
    try {
      const response = await stream.request({ path: ssePath, method: 'GET', headers: { accept: 'text/event-stream' }, signal: abort.signal });
      if (response.statusCode !== 200) {
        const text = await response.body.text();
        throw new Error(`GET ${ssePath}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
      }
      let buffered = '';
      response.body.setEncoding('utf8');
      response.body.on('data', (chunk: string) => {
        buffered += chunk;
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          let event = 'message';
          const data: string[] = [];
          for (const raw of block.split('\n')) {
            const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (event === 'endpoint') endpointSeen(data.join('\n').trim());
          else if (event === 'message' && session) session.pending.deliver(data.join('\n'));
        }
      });
      response.body.on('error', (caught: Error) => session?.pending.fail(`SSE stream: ${caught.message}`));
      response.body.on('end', () => session?.pending.fail('SSE stream ended'));
      const announced = await endpoint;
      // The endpoint may be relative (usual) or absolute; only its path and query are used.
      const url = new URL(announced, origin);
      session = new LegacySseSession(stream, abort, pool, url.pathname + url.search);
      return session;
    } catch (caught) {
      abort.abort();
      await Promise.allSettled([stream.destroy(), pool.destroy()]);
      throw caught;
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(payload: string): Promise<void> {
    const response = await this.pool.request({ path: this.messagePath, method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    const text = await response.body.text();
    if (response.statusCode !== 202 && response.statusCode !== 200) throw new Error(`POST ${this.messagePath}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  }

  /** send POSTs one serialized request and resolves with the answer carrying its id from the stream. */
  async send(id: number, payload: string): Promise<Record<string, unknown>> {
    const answer = this.pending.wait(id);
    try {
      await this.post(payload);
    } catch (caught) {
      this.pending.forget(id);
      throw caught;
    }
    return answer;
  }

  /** request sends a request with an id of its own (negative, so it never meets a load id) and returns its result. */
  request(method: string, params: unknown): Promise<Record<string, unknown>> {
    return resultOf((id, payload) => this.send(id, payload), this.nextId--, method, params);
  }

  /** initialize performs the MCP handshake (as 2024-11-05, the revision of this transport) and returns the tool names. */
  async initialize(): Promise<string[]> {
    await this.request('initialize', { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'portcullis-bench', version: '1.0.0' } });
    await this.post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    const listed = await this.request('tools/list', {});
    const tools = Array.isArray(listed['tools']) ? (listed['tools'] as Array<{ name?: unknown }>) : [];
    return tools.map((tool) => String(tool.name));
  }

  async close(): Promise<void> {
    this.pending.fail('session closed');
    this.abort.abort();
    await Promise.allSettled([this.stream.destroy(), this.pool.close()]);
  }
}

/** SseLoadOptions says where the SSE stream is, which tool to call, how hard and for how long. */
export interface SseLoadOptions extends ClosedLoopOptions {
  readonly origin: string;
  readonly ssePath: string;
  readonly toolName: string;
}

/** offersToolOverSse resolves true once a legacy-SSE session lists the tool. */
export async function offersToolOverSse(origin: string, ssePath: string, toolName: string): Promise<true | undefined> {
  const session = await LegacySseSession.open(origin, ssePath, 1);
  try {
    const names = await session.initialize();
    if (names.includes(toolName)) return true;
    throw new Error(`tools/list has no ${toolName} (has ${names.join(', ') || 'none'})`);
  } finally {
    await session.close();
  }
}

/** runSseLoad opens a legacy-SSE session, keeps `concurrency` echo calls in flight, and closes it. */
export async function runSseLoad(options: SseLoadOptions): Promise<LoadResult> {
  const session = await LegacySseSession.open(options.origin, options.ssePath, options.concurrency);
  try {
    await session.initialize();
    const payload = echoCallPayload(options.toolName);
    return await closedLoop(options, async (id) => checkEcho(await session.send(id, payload(id)), () => ''));
  } finally {
    await session.close();
  }
}
