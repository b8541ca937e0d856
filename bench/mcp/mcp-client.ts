/**
 * mcp-client is the smallest Streamable HTTP client a benchmark needs: open a session, send a
 * request, read a JSON or SSE answer. It is hand-written on an undici Pool so that the load
 * generator spends its CPU on requests, not on an SDK, and so that every answer is checked.
 */
import type { Pool } from 'undici';

/** protocolVersion is the MCP revision the benchmark speaks. */
export const protocolVersion = '2025-06-18';

/** RequestHeaders are headers sent on every request of a session, such as authorization; none by default. */
export type RequestHeaders = Readonly<Record<string, string>>;

/** McpSession names an open session on one endpoint. */
export interface McpSession {
  readonly pool: Pool;
  readonly path: string;
  readonly sessionId: string | undefined;
  readonly headers: RequestHeaders | undefined;
}

/** RpcAnswer is one HTTP exchange: its status and, when there was one, the JSON-RPC message matching the request id. */
export interface RpcAnswer {
  readonly status: number;
  readonly message: Record<string, unknown> | undefined;
  readonly sessionId: string | undefined;
  /** body is the raw response body, for error reports. */
  readonly body: string;
}

/** McpError is thrown when an exchange does not give a valid answer. */
export class McpError extends Error {
  override readonly name = 'McpError';
}

function baseHeaders(sessionId: string | undefined, extra: RequestHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': protocolVersion,
  };
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
  if (extra !== undefined) Object.assign(headers, extra);
  return headers;
}

function describe(answer: RpcAnswer): string {
  return `HTTP ${answer.status} ${(answer.message ? JSON.stringify(answer.message) : answer.body).slice(0, 300)}`;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * findAnswer returns the JSON-RPC message with the given id from a response body, which is one
 * JSON object or an SSE stream whose `data:` lines carry messages (notifications may come first).
 */
export function findAnswer(contentType: string, body: string, id: number): Record<string, unknown> | undefined {
  if (contentType.startsWith('text/event-stream')) {
    for (const line of body.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const message = parseJson(line.slice(5).trim());
      if (message?.['id'] === id) return message;
    }
    return undefined;
  }
  const message = parseJson(body);
  return message?.['id'] === id ? message : undefined;
}

/** exchange POSTs one JSON-RPC message, with `headers` added, and returns the answer matching `id` (none for a notification). */
export async function exchange(pool: Pool, path: string, sessionId: string | undefined, payload: string, id: number | undefined, headers?: RequestHeaders): Promise<RpcAnswer> {
  const response = await pool.request({ path, method: 'POST', headers: baseHeaders(sessionId, headers), body: payload });
  const text = await response.body.text();
  const contentType = String(response.headers['content-type'] ?? '');
  const header = response.headers['mcp-session-id'];
  return {
    status: response.statusCode,
    message: id === undefined ? undefined : findAnswer(contentType, text, id),
    sessionId: typeof header === 'string' ? header : undefined,
    body: text,
  };
}

/**
 * openSession sends initialize and notifications/initialized, with `headers` on both and on
 * every later request of the session; it throws McpError on any failure.
 */
export async function openSession(pool: Pool, path: string, headers?: RequestHeaders): Promise<McpSession> {
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'portcullis-bench', version: '1.0.0' } },
  });
  const answer = await exchange(pool, path, undefined, initialize, 0, headers);
  if (answer.status !== 200 || !answer.message || !('result' in answer.message)) {
    throw new McpError(`initialize failed: ${describe(answer)}`);
  }
  const initialized = await exchange(pool, path, answer.sessionId, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), undefined, headers);
  if (initialized.status !== 202 && initialized.status !== 200) throw new McpError(`notifications/initialized failed: ${describe(initialized)}`);
  return { pool, path, sessionId: answer.sessionId, headers };
}

/** request sends one request in a session and returns its result; it throws McpError on an error or invalid answer. */
export async function request(session: McpSession, id: number, method: string, params: unknown): Promise<Record<string, unknown>> {
  const answer = await exchange(session.pool, session.path, session.sessionId, JSON.stringify({ jsonrpc: '2.0', id, method, params }), id, session.headers);
  const value = answer.message?.['result'];
  if (answer.status !== 200 || typeof value !== 'object' || value === null) {
    throw new McpError(`${method} failed: ${describe(answer)}`);
  }
  return value as Record<string, unknown>;
}

/** closeSession sends DELETE for the session; failures are ignored, as a server may not support it. */
export async function closeSession(session: McpSession): Promise<void> {
  if (session.sessionId === undefined) return;
  try {
    const response = await session.pool.request({ path: session.path, method: 'DELETE', headers: baseHeaders(session.sessionId, session.headers) });
    await response.body.dump();
  } catch {
    // A server that does not end sessions on DELETE is still a valid target.
  }
}
