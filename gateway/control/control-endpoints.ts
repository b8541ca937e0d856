/**
 * The operator endpoints beside the MCP endpoint:
 *
 *   GET  /healthz       200 while the process runs (liveness)
 *   GET  /readyz        200 when every `required` server is connected, else 503; both list
 *                       each server's state, the secret providers' health (staleness while a
 *                       provider is unreachable) and the last reload attempt
 *   GET  /admin/config  config version, load time, servers and their state, last reload;
 *                       never a secret value
 *   POST /admin/reload  reload now; answers with the outcome and any config errors
 *   GET  /admin/telemetry  where telemetry goes, and what was exported, failed or dropped
 *                       (read in process, so it answers while the collector is down)
 *   GET  /.well-known/oauth-protected-resource[/<mcp path>]
 *                       RFC 9728 metadata: where clients get tokens for this gateway; public,
 *                       since a client reads it before it has any credential
 *
 * /admin answers loopback clients only unless gateway.admin.allowRemote is set.
 */
import type { Gateway } from '../gateway.ts';
import type { HttpExchange } from '../http/exchange.ts';
import type { Reloader } from '../reload/reloader.ts';
import type { Telemetry } from '../telemetry/telemetry.ts';
import { metadataPaths, protectedResourceMetadata } from '../auth/protected-resource-metadata.ts';

function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}

function json(exchange: HttpExchange, status: number, body: unknown): void {
  exchange.reply(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(body));
}

/** handleControl answers a control endpoint; false when the path is not one. */
export function handleControl(exchange: HttpExchange, gateway: Gateway, reloader: Reloader, engine: string, telemetry?: Telemetry): boolean {
  const runtime = gateway.runtime;
  switch (exchange.path) {
    case '/healthz':
      json(exchange, 200, { status: 'alive' });
      return true;
    case '/readyz': {
      const servers = gateway.upstreamStates();
      // A per-principal server has no connection of its own: its instances start per caller.
      const missing = servers.filter((server) => server.required && server.state !== 'ready' && server.state !== 'per-principal').map((server) => server.id);
      json(exchange, missing.length === 0 ? 200 : 503, {
        status: missing.length === 0 ? 'ready' : 'not ready',
        ...(missing.length > 0 ? { waitingFor: missing } : {}),
        configVersion: runtime.version,
        servers,
        secrets: gateway.secretHealth(),
        lastReload: reloader.lastAttempt ?? null,
      });
      return true;
    }
  }
  if (exchange.method === 'GET' && metadataPaths(runtime).includes(exchange.path)) {
    // Browser-based clients fetch it cross-origin; it holds nothing secret.
    exchange.reply(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300', 'access-control-allow-origin': '*' }, JSON.stringify(protectedResourceMetadata(runtime)));
    return true;
  }
  if (!exchange.path.startsWith('/admin/')) return false;
  if (!runtime.gateway.adminAllowRemote && !isLoopback(exchange.remoteAddress)) {
    json(exchange, 403, { error: 'admin endpoints are loopback-only; set gateway.admin.allowRemote to change that' });
    return true;
  }
  if (exchange.path === '/admin/config' && exchange.method === 'GET') {
    json(exchange, 200, {
      configVersion: runtime.version,
      configRevision: runtime.revision,
      loadedAt: reloader.loadedAt,
      engine,
      sessions: gateway.sessions.size,
      servers: gateway.upstreamStates(),
      secrets: gateway.secretHealth(),
      policyRules: runtime.policy.rules.length,
      guardrails: runtime.guardrails.request.length + runtime.guardrails.response.length + runtime.guardrails.definition.length,
      pinning: runtime.pinning.mode,
      lastReload: reloader.lastAttempt ?? null,
    });
    return true;
  }
  if (exchange.path === '/admin/telemetry' && exchange.method === 'GET' && telemetry) {
    void telemetry.status().then(
      (status) => json(exchange, 200, status),
      (error: Error) => json(exchange, 500, { error: `telemetry status unavailable: ${error.message}` }),
    );
    return true;
  }
  if (exchange.path === '/admin/reload' && exchange.method === 'POST') {
    void reloader.reload('POST /admin/reload').then((attempt) => json(exchange, attempt.outcome === 'invalid' || attempt.outcome === 'failed' ? 422 : 200, { ...attempt, configVersion: gateway.runtime.version }));
    return true;
  }
  json(exchange, 404, { error: 'not found' });
  return true;
}
