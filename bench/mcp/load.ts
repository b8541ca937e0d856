/**
 * load is a closed-loop load generator: `concurrency` workers, each with its own keep-alive
 * connection of one undici Pool, call one tool in one MCP session back to back for a warm-up and
 * then a measured window. Every answer is checked; a run with any invalid answer reports its
 * errors so that a fast failure is never read as a fast run.
 */
import { Pool } from 'undici';
import { closeSession, exchange, openSession, type RequestHeaders } from './mcp-client.ts';

/** LoadOptions says where to send calls and for how long. */
export interface LoadOptions extends ClosedLoopOptions {
  /** origin is the target's scheme, host and port, for example http://127.0.0.1:8080. */
  readonly origin: string;
  /** path is the MCP endpoint path, for example /mcp. */
  readonly path: string;
  /** toolName is the name of the echo tool as the target exposes it. */
  readonly toolName: string;
  /** headers are sent on every request (a bearer token for an authenticated target); none by default. */
  readonly headers?: RequestHeaders;
}

/** LoadResult holds what one run measured; latencies are in microseconds. */
export interface LoadResult {
  readonly concurrency: number;
  /** calls counts valid answers completed inside the measured window. */
  readonly calls: number;
  /** errors counts invalid answers and failed requests over the whole run, warm-up included. */
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly windowMs: number;
  readonly callsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** clientCpuMicros is the load generator's own CPU time in the window (it shares the machine). */
  readonly clientCpuMicros: number;
}

/** echoText is what every echo call sends and expects back. */
export const echoText = 'hello from portcullis bench';

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export function isEchoResult(message: Record<string, unknown> | undefined): boolean {
  const result = message?.['result'] as { content?: unknown; isError?: unknown } | undefined;
  if (!result || result.isError === true || !Array.isArray(result.content)) return false;
  const first = result.content[0] as { type?: unknown; text?: unknown } | undefined;
  return first?.type === 'text' && first.text === echoText;
}

/** ClosedLoopOptions are the knobs every driver shares: how many calls in flight, and for how long. */
export interface ClosedLoopOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** onWindowStart and onWindowEnd run when the measured window opens and closes (to sample the target's CPU). */
  readonly onWindowStart?: () => void;
  readonly onWindowEnd?: () => void;
}

/**
 * EchoCall sends one echo call with the given JSON-RPC id and resolves with undefined for a
 * valid answer or a description of what was wrong; it may throw for a failed request.
 */
export type EchoCall = (id: number) => Promise<string | undefined>;

/** echoCallPayload returns the serialized tools/call request for the echo tool, given an id. */
export function echoCallPayload(toolName: string): (id: number) => string {
  const prefix = '{"jsonrpc":"2.0","id":';
  const suffix = `,"method":"tools/call","params":${JSON.stringify({ name: toolName, arguments: { text: echoText } })}}`;
  return (id) => prefix + id + suffix;
}

/** checkEcho returns undefined when a JSON-RPC answer is the expected echo result, else a description of it. */
export function checkEcho(message: Record<string, unknown> | undefined, raw: () => string): string | undefined {
  return isEchoResult(message) ? undefined : (message ? JSON.stringify(message) : raw()).slice(0, 300);
}

/**
 * closedLoop keeps `concurrency` calls in flight, back to back, for a warm-up and then a measured
 * window, and returns the window's rate and latencies. Every driver (Streamable HTTP, stdio,
 * legacy SSE) shares it, so their figures are comparable. Ids start at 1.
 */
export async function closedLoop(options: ClosedLoopOptions, call: EchoCall): Promise<LoadResult> {
  const { concurrency, warmupMs, durationMs } = options;
  let latencies = new Float64Array(65_536);
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  let nextId = 1;
  let measuring = false;
  let clientCpuStart: NodeJS.CpuUsage = process.cpuUsage();

  const startedAt = performance.now();
  const windowStart = startedAt + warmupMs;
  const windowEnd = windowStart + durationMs;
  let windowOpenedAt = windowStart;
  let windowClosedAt = windowEnd;
  let clientCpu: NodeJS.CpuUsage = { user: 0, system: 0 };
  let windowState: 'before' | 'open' | 'closed' = 'before';
  const openWindow = (): void => {
    if (windowState !== 'before') return;
    windowState = 'open';
    windowOpenedAt = performance.now();
    clientCpuStart = process.cpuUsage();
    options.onWindowStart?.();
    measuring = true;
  };
  const closeWindow = (): void => {
    if (windowState !== 'open') return;
    windowState = 'closed';
    measuring = false;
    windowClosedAt = performance.now();
    clientCpu = process.cpuUsage(clientCpuStart);
    options.onWindowEnd?.();
  };
  const openTimer = setTimeout(openWindow, warmupMs);
  const closeTimer = setTimeout(closeWindow, warmupMs + durationMs);

  const worker = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      const id = nextId++;
      const began = performance.now();
      try {
        const problem = await call(id);
        if (problem !== undefined) {
          errors++;
          firstError ??= problem;
          continue;
        }
      } catch (caught) {
        errors++;
        firstError ??= caught instanceof Error ? caught.message : String(caught);
        // A target that refuses connections fails fast; do not spin on it.
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      if (!measuring) continue;
      if (calls === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[calls++] = (performance.now() - began) * 1000;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  // The last calls may all finish before the close timer fires.
  openWindow();
  closeWindow();

  const sorted = latencies.subarray(0, calls).sort();
  const windowMs = windowClosedAt - windowOpenedAt;
  return {
    concurrency,
    calls,
    errors,
    firstError,
    windowMs,
    callsPerSecond: calls / (windowMs / 1000),
    p50Us: percentile(sorted, 0.5),
    p99Us: percentile(sorted, 0.99),
    maxUs: percentile(sorted, 1),
    clientCpuMicros: clientCpu.user + clientCpu.system,
  };
}

/** runLoad opens a session, runs the load and closes the session; it throws if the session cannot be opened. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { origin, path, toolName, concurrency, headers } = options;
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  try {
    const session = await openSession(pool, path, headers);
    const payload = echoCallPayload(toolName);
    const result = await closedLoop(options, async (id) => {
      const answer = await exchange(pool, path, session.sessionId, payload(id), id, headers);
      if (answer.status !== 200) return `HTTP ${answer.status}: ${(answer.message ? JSON.stringify(answer.message) : answer.body).slice(0, 300)}`;
      const problem = checkEcho(answer.message, () => answer.body);
      return problem === undefined ? undefined : `HTTP ${answer.status}: ${problem}`;
    });
    await closeSession(session);
    return result;
  } finally {
    await pool.close();
  }
}
