/**
 * `portcullis serve`: load, validate and compile the config repository, connect the upstream
 * servers, and serve the MCP endpoint and the operator endpoints (see
 * gateway/control/control-endpoints.ts).
 *
 *   file change, SIGHUP, POST /admin/reload   reload; an invalid config is reported and the
 *                                             last good one keeps serving
 *   SIGTERM / SIGINT                          stop accepting, let calls in flight finish (up to
 *                                             limits.shutdownGracePeriod), close upstreams, exit 0
 *
 * PORTCULLIS_HTTP_ENGINE=node:http|hyper-express forces an engine; by default hyper-express runs
 * when uWebSockets.js has a build for this Node, else node:http (logged at start).
 */
import { parseArgs } from 'node:util';
import { renderHuman } from '../../gateway/config/report.ts';
import { handleControl } from '../../gateway/control/control-endpoints.ts';
import { Gateway } from '../../gateway/gateway.ts';
import type { HttpExchange } from '../../gateway/http/exchange.ts';
import { listen, type EnginePreference } from '../../gateway/http/listen.ts';
import { createLogger } from '../../gateway/log/logger.ts';
import { watchConfig } from '../../gateway/reload/config-watcher.ts';
import { loadRuntime, Reloader } from '../../gateway/reload/reloader.ts';
import { Telemetry } from '../../gateway/telemetry/telemetry.ts';

// The engine-level cap; the MCP endpoint applies limits.maxRequestBody itself, so a reload can change it.
const engineBodyCapBytes = 64 * 1024 * 1024;

function enginePreference(environment: NodeJS.ProcessEnv): EnginePreference {
  const value = environment.PORTCULLIS_HTTP_ENGINE;
  return value === 'node:http' || value === 'hyper-express' ? value : 'auto';
}

/** runServe runs the serve subcommand until a termination signal; returns the exit code. */
export async function runServe(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { config: { type: 'string' } }, allowPositionals: false });
  const load = (): ReturnType<typeof loadRuntime> => loadRuntime(values.config, environment);
  const first = await load();
  if (first.issues.length > 0 && first.runtime) process.stderr.write(renderHuman({ folder: first.runtime.folder, issues: first.issues, version: first.runtime.version }));
  if (!first.runtime) {
    process.stderr.write(renderHuman({ folder: undefined, issues: first.issues }));
    process.stdout.write(JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: 'the config is invalid; refusing to start (run portcullis validate for the same report)' }) + '\n');
    return 1;
  }
  const runtime = first.runtime;
  const logger = createLogger(runtime.logging);
  if (runtime.auth.anonymous) {
    logger.warn({ principal: runtime.auth.anonymous.principal }, 'anonymous access is ON: requests without credentials are accepted. Use this for local development only.');
  }

  const gateway: Gateway = new Gateway(runtime, {
    logger,
    environment,
  });
  // Telemetry starts before the upstreams connect, so their first states are recorded too.
  const telemetry = Telemetry.start(gateway, logger);
  await gateway.start();
  const reloader = new Reloader(load, gateway, logger);

  let engine = 'starting';
  const handler = (exchange: HttpExchange): void => {
    if (exchange.path === gateway.runtime.gateway.mcpPath) return gateway.handleMcp(exchange);
    if (handleControl(exchange, gateway, reloader, engine, telemetry)) return;
    exchange.reply(404, { 'content-type': 'application/json' }, JSON.stringify({ error: 'not found', mcpEndpoint: gateway.runtime.gateway.mcpPath }));
  };
  const { host, port } = runtime.gateway;
  const server = await listen({ host, port, maxBodyBytes: engineBodyCapBytes }, handler, enginePreference(environment), (reason) =>
    logger.warn({ reason }, 'hyper-express cannot run here; serving on node:http instead'),
  );
  engine = server.engine;
  // Watching starts before the listening line: a script that edits the config as soon as it sees
  // that line must not race the watches being set up (an edit in between would go unnoticed).
  const watcher = watchConfig(runtime.folder, (reason) => void reloader.reload(`file change (${reason})`), { logger });
  // Start and stop lines are logged whatever the configured level: operators and scripts look for them.
  const lifecycle = logger.child({}, { level: 'info' });
  const address = `${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
  lifecycle.info(
    { address, engine, mcp: `http://${address}${runtime.gateway.mcpPath}`, configVersion: runtime.version, servers: gateway.upstreamStates().map((s) => `${s.id}:${s.state}`) },
    'portcullis listening',
  );

  const onHangup = (): void => void reloader.reload('SIGHUP');
  process.on('SIGHUP', onHangup);

  // A second signal during the drain is logged, not obeyed: orchestrators often repeat SIGTERM,
  // and dying mid-drain would drop the calls the drain exists to finish.
  let stopping = false;
  const signal = await new Promise<string>((resolve) => {
    const onSignal = (name: string): void => {
      if (stopping) return void lifecycle.warn({ signal: name }, 'already shutting down; calls in flight are finishing');
      stopping = true;
      resolve(name);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  const grace = gateway.runtime.limits.shutdownGracePeriodMs;
  lifecycle.info({ signal, inflight: gateway.inflight, graceMs: grace }, 'shutting down: no new connections; calls in flight may finish');
  watcher.close();
  process.off('SIGHUP', onHangup);
  await server.stopAccepting();
  await gateway.shutdown(grace);
  await server.close();
  // Last: the records of the drained calls and of the shutdown itself are exported before exit.
  await telemetry.shutdown();
  lifecycle.info('stopped');
  // uWebSockets.js cannot close idle keep-alive connections; they would hold the process for up
  // to its 10 s idle timeout after everything else has ended. Nothing is left to finish here.
  setTimeout(() => process.exit(0), 100).unref();
  return 0;
}
