/**
 * `portcullis serve`: load, validate and compile the config repository, then serve the
 * gateway's control endpoints on node:http. The MCP data plane (/mcp) is the next milestone;
 * until it lands /mcp answers 503 with a JSON-RPC error that says so, rather than pretending.
 *
 *   GET /healthz       200 while the process is alive
 *   GET /readyz        200 with the config version once a config is loaded
 *   GET /admin/config  config version, load time and counts (loopback only unless allowed); never secret values
 *   SIGHUP             reload; an invalid config is reported and the last good one keeps serving
 *   SIGTERM / SIGINT   stop accepting, close, exit 0
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../gateway/config/load-config.ts';
import { renderHuman } from '../../gateway/config/report.ts';
import { compile } from '../../gateway/runtime/compile.ts';
import type { Runtime } from '../../gateway/runtime/runtime.ts';

interface Loaded {
  readonly runtime: Runtime;
  readonly loadedAt: string;
}

async function loadRuntime(configPath: string | undefined, environment: NodeJS.ProcessEnv): Promise<Loaded | undefined> {
  const result = await loadConfig({ explicitPath: configPath, environment });
  const runtime = result.config ? compile(result.config, { environment }) : undefined;
  if (result.issues.length > 0) process.stderr.write(renderHuman({ folder: result.folder, issues: result.issues, version: runtime?.version }));
  return runtime ? { runtime, loadedAt: new Date().toISOString() } : undefined;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function log(level: string, message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
}

/** runServe runs the serve subcommand until a termination signal; returns the exit code. */
export async function runServe(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { config: { type: 'string' } }, allowPositionals: false });
  let current = await loadRuntime(values.config, environment);
  if (!current) {
    log('fatal', 'the config is invalid; refusing to start (run portcullis validate for the same report)');
    return 1;
  }
  if (current.runtime.auth.anonymous) {
    log('warn', 'anonymous access is ON: requests without credentials are accepted. Use this for local development only.', { principal: current.runtime.auth.anonymous.principal });
  }

  const server = http.createServer((request, response) => {
    const loaded = current!;
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return send(200, { status: 'alive' });
    if (url.pathname === '/readyz') return send(200, { status: 'ready', configVersion: loaded.runtime.version });
    if (url.pathname === '/admin/config') {
      if (!loaded.runtime.gateway.adminAllowRemote && !isLoopback(request.socket.remoteAddress)) return send(403, { error: 'admin endpoints are loopback-only' });
      const { runtime } = loaded;
      return send(200, {
        configVersion: runtime.version,
        loadedAt: loaded.loadedAt,
        servers: [...runtime.servers.keys()],
        policyRules: runtime.policy.rules.length,
        guardrails: runtime.guardrails.request.length + runtime.guardrails.response.length + runtime.guardrails.definition.length,
      });
    }
    if (url.pathname === loaded.runtime.gateway.mcpPath) {
      return send(503, { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Portcullis: the MCP data plane is not built yet in this version; only the control endpoints are served' } });
    }
    send(404, { error: 'not found' });
  });

  const { host, port } = current.runtime.gateway;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  log('info', 'portcullis control endpoints listening (engine: node:http; the MCP data plane is not built yet)', {
    address: typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address),
    configVersion: current.runtime.version,
  });

  process.on('SIGHUP', () => {
    void loadRuntime(values.config, environment).then((next) => {
      if (!next) return log('error', 'reload failed: the config is invalid; the last good config keeps serving', { configVersion: current!.runtime.version });
      if (next.runtime.version === current!.runtime.version) return log('info', 'reload: config unchanged');
      current = next;
      log('info', 'reload: new config serving', { configVersion: next.runtime.version });
    });
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log('info', `${signal}: shutting down`);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
