/**
 * targets are the MCP endpoints the data-plane benchmark compares, each started only while it is
 * measured and stopped afterwards, all in front of the same fast upstream:
 *
 *   direct         the fast upstream itself over Streamable HTTP: the floor every gateway adds to
 *   gateway        `portcullis serve` with a generated config repository, upstream over Streamable HTTP;
 *                  anonymous access and one allow-everything rule: auth and RBAC as good as off
 *   gateway-audit-file, gateway-audit-otlp, gateway-audited
 *                  the same with telemetry on, from a JSON-lines audit file only to everything
 *                  exported to a collector stand-in (see the telemetry configurations below)
 *   gateway-auth   the same with auth and RBAC on: anonymous access off, bearer JWTs from an OIDC
 *                  issuer (oauth2-mock-server in the benchmark process), 2,000 policy rules over
 *                  200 groups; every request carries the token
 *   gateway-stdio  the same, with the gateway starting the upstream over stdio
 *   direct-stdio         the fast upstream over stdio, driven in-process (stdio-load.ts): the stdio floor
 *   hyper-express-floor  canned JSON-RPC on bare hyper-express: the HTTP floor of the machine
 *   sdk-direct           an upstream built with the official SDK (sdk-upstream.ts): a typical real server
 *   gateway-sdk          `portcullis serve` in front of sdk-direct over Streamable HTTP
 *   mcp-proxy      the mcp-proxy package fronting the fast upstream over stdio (a peer reference)
 *   mcp-hub        mcp-hub 4.2.1 fronting the fast upstream over stdio; it serves clients only
 *                  over the legacy HTTP+SSE transport (GET /mcp, POST /messages), driven by sse-load.ts
 *
 * Every child writes its output to a log file rather than a pipe, so the benchmark process never
 * spends CPU reading a target's logs, and a failure can quote the log's last lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OAuth2Server } from 'oauth2-mock-server';
import { Pool } from 'undici';
import { generatedDepartments, generatedUnits, groupNames, writePolicyFiles } from '../generate-large-config.ts';
import { closeSession, openSession, request, type RequestHeaders } from './mcp-client.ts';
import { childPid } from './proc-stats.ts';
import { offersToolOverSse } from './sse-load.ts';
import { StdioConnection } from './stdio-load.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fastUpstreamScript = path.join(repoRoot, 'bench', 'mcp', 'fast-upstream.ts');
const sdkUpstreamScript = path.join(repoRoot, 'bench', 'mcp', 'sdk-upstream.ts');
const floorScript = path.join(repoRoot, 'bench', 'mcp', 'hyper-express-floor.ts');
const otlpSinkScript = path.join(repoRoot, 'bench', 'mcp', 'otlp-sink.ts');
// tsx by absolute URL, so that a child started in another folder (a gateway starts stdio
// upstreams in its config repository) still finds it.
const tsxLoader = import.meta.resolve('tsx');

/** stdioUpstreamArgs are the node arguments that run the fast upstream in stdio mode. */
const stdioUpstreamArgs = ['--import', tsxLoader, fastUpstreamScript, '--stdio'];

/**
 * TargetDriver says how the load reaches a target: Streamable HTTP (load.ts, the default), an
 * in-process stdio connection (stdio-load.ts), or the legacy HTTP+SSE transport (sse-load.ts).
 */
export type TargetDriver =
  | { readonly kind: 'streamable-http' }
  | { readonly kind: 'stdio'; readonly connection: StdioConnection }
  | { readonly kind: 'legacy-sse' };

/** RunningTarget is a started target: where to send calls and which processes to charge. */
export interface RunningTarget {
  /** driver is how calls reach it; origin and path are the SSE stream's for legacy-sse, unused for stdio. */
  readonly driver: TargetDriver;
  readonly origin: string;
  readonly path: string;
  readonly toolName: string;
  /** headers are sent on every request (gateway-auth's bearer token); none by default. */
  readonly headers?: RequestHeaders;
  /** frontPid is the process clients talk to (the gateway, the proxy, or the upstream for direct targets). */
  readonly frontPid: number;
  /** upstreamPid is the upstream behind the front process; undefined for direct targets. */
  readonly upstreamPid: number | undefined;
  /** logTail returns the last lines the front process wrote, for failure reports. */
  logTail(): string;
  stop(): Promise<void>;
}

/** TargetDefinition names a target and knows how to start it. */
export interface TargetDefinition {
  readonly name: string;
  readonly description: string;
  start(workFolder: string, options: TargetOptions): Promise<RunningTarget>;
}

/** TargetOptions carries the benchmark's sizes that a target's config must allow for. */
export interface TargetOptions {
  readonly maxConcurrency: number;
  readonly maxSessions: number;
}

interface LoggedProcess {
  readonly child: ChildProcess;
  readonly logPath: string;
  tail(): string;
  stop(): Promise<void>;
}

/** listenTimeoutMs bounds a process's start until it listens (Node, tsx and config loading). */
const listenTimeoutMs = 30_000;
/** readyTimeoutMs bounds the wait, once it listens, until it lists the tool; an unfinished data plane fails here. */
const readyTimeoutMs = 10_000;

/**
 * spawnLogged starts a Node process with its output in a log file; with `pipes`, stdin and stdout
 * are pipes for a stdio client instead and only stderr goes to the log.
 */
function spawnLogged(workFolder: string, name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, pipes = false): LoggedProcess {
  const logPath = path.join(workFolder, `${name}.log`);
  const fd = openSync(logPath, 'w');
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: pipes ? ['pipe', 'pipe', fd] : ['ignore', fd, fd] });
  closeSync(fd);
  const tail = (): string => {
    try {
      return readFileSync(logPath, 'utf8').trim().split('\n').slice(-5).join(' | ').slice(-800);
    } catch {
      return '';
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (pipes) child.stdin?.end();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { child, logPath, tail, stop };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil<T>(what: string, process: LoggedProcess, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null || process.child.signalCode !== null) {
      throw new Error(`${what}: the process exited (${process.child.exitCode ?? process.child.signalCode}) — ${process.tail()}`);
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (caught) {
      lastError = caught instanceof Error ? caught.message : String(caught);
    }
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000} s${lastError ? ` (${lastError})` : ''} — ${process.tail()}`);
}

/** loggedAddress finds the first `"address":"HOST:PORT"` in a JSON-lines log. */
function loggedAddress(logPath: string): string | undefined {
  const match = /"address":"([^"]+:\d+)"/.exec(readFileSync(logPath, 'utf8'));
  return match?.[1];
}

function acceptsConnections(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(undefined));
  });
}

/**
 * freePort asks the kernel for a free port. It can be taken by someone else before the target
 * binds it; a target that does not log its own address has no better option.
 */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('could not pick a free port');
  return address.port;
}

/** offersTool resolves true once an MCP session on the endpoint, opened with `headers`, lists the tool. */
async function offersTool(origin: string, mcpPath: string, toolName: string, headers?: RequestHeaders): Promise<true | undefined> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    const session = await openSession(pool, mcpPath, headers);
    const listed = await request(session, 1, 'tools/list', {});
    await closeSession(session);
    const tools = Array.isArray(listed['tools']) ? (listed['tools'] as Array<{ name?: unknown }>) : [];
    if (tools.some((tool) => tool.name === toolName)) return true;
    throw new Error(`tools/list has no ${toolName} (has ${tools.map((tool) => String(tool.name)).join(', ') || 'none'})`);
  } finally {
    await pool.close();
  }
}

async function startFastUpstream(workFolder: string, name: string, script = fastUpstreamScript): Promise<{ process: LoggedProcess; origin: string }> {
  const upstream = spawnLogged(workFolder, name, ['--import', tsxLoader, script], { PORT: '0' });
  try {
    const address = await waitUntil(name, upstream, listenTimeoutMs, () => loggedAddress(upstream.logPath));
    return { process: upstream, origin: `http://${address}` };
  } catch (caught) {
    await upstream.stop();
    throw caught;
  }
}

async function stopAll(processes: readonly LoggedProcess[]): Promise<void> {
  await Promise.all(processes.map((one) => one.stop()));
}

const httpDriver: TargetDriver = { kind: 'streamable-http' };

const direct: TargetDefinition = {
  name: 'direct',
  description: 'the fast upstream itself (Streamable HTTP)',
  async start(workFolder) {
    const { process: upstream, origin } = await startFastUpstream(workFolder, 'direct-upstream');
    try {
      await waitUntil('direct', upstream, readyTimeoutMs, () => offersTool(origin, '/mcp', 'echo'));
    } catch (caught) {
      await upstream.stop();
      throw caught;
    }
    return { driver: httpDriver, origin, path: '/mcp', toolName: 'echo', frontPid: upstream.child.pid!, upstreamPid: undefined, logTail: upstream.tail, stop: () => upstream.stop() };
  },
};

const directStdio: TargetDefinition = {
  name: 'direct-stdio',
  description: 'the fast upstream itself (stdio, driven in-process)',
  async start(workFolder) {
    const upstream = spawnLogged(workFolder, 'direct-stdio-upstream', stdioUpstreamArgs, {}, true);
    try {
      const connection = new StdioConnection(upstream.child);
      // Node and tsx start before the first line is read; the connection queues the handshake.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to initialize after ${listenTimeoutMs / 1000} s — ${upstream.tail()}`)), listenTimeoutMs);
      });
      try {
        await Promise.race([connection.initialize('echo'), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return { driver: { kind: 'stdio', connection }, origin: '', path: '', toolName: 'echo', frontPid: upstream.child.pid!, upstreamPid: undefined, logTail: upstream.tail, stop: () => upstream.stop() };
    } catch (caught) {
      await upstream.stop();
      throw caught;
    }
  },
};

const hyperExpressFloor: TargetDefinition = {
  name: 'hyper-express-floor',
  description: 'canned JSON-RPC on bare hyper-express: the HTTP floor of the machine',
  async start(workFolder) {
    const port = await freePort();
    const front = spawnLogged(workFolder, 'hyper-express-floor', ['--import', tsxLoader, floorScript], { PORT: String(port) });
    try {
      await waitUntil('hyper-express-floor', front, listenTimeoutMs, () => acceptsConnections(port));
      const origin = `http://127.0.0.1:${port}`;
      await waitUntil('hyper-express-floor', front, readyTimeoutMs, () => offersTool(origin, '/mcp', 'echo'));
      return { driver: httpDriver, origin, path: '/mcp', toolName: 'echo', frontPid: front.child.pid!, upstreamPid: undefined, logTail: front.tail, stop: () => front.stop() };
    } catch (caught) {
      await front.stop();
      throw caught;
    }
  },
};

const sdkDirect: TargetDefinition = {
  name: 'sdk-direct',
  description: 'an upstream on the official SDK (McpServer + StreamableHTTPServerTransport, stateful): a typical real server',
  async start(workFolder) {
    const { process: upstream, origin } = await startFastUpstream(workFolder, 'sdk-direct-upstream', sdkUpstreamScript);
    try {
      await waitUntil('sdk-direct', upstream, readyTimeoutMs, () => offersTool(origin, '/mcp', 'echo'));
    } catch (caught) {
      await upstream.stop();
      throw caught;
    }
    return { driver: httpDriver, origin, path: '/mcp', toolName: 'echo', frontPid: upstream.child.pid!, upstreamPid: undefined, logTail: upstream.tail, stop: () => upstream.stop() };
  },
};

/** UpstreamTransport says how the gateway reaches the fast upstream: a URL, or stdio (it starts the process). */
export type UpstreamTransport = { readonly type: 'streamable-http'; readonly url: string } | { readonly type: 'stdio' };

function serverFile(transport: UpstreamTransport): string {
  const lines = ['id: fast', 'description: The benchmark fast upstream.', 'transport:', `  type: ${transport.type}`];
  if (transport.type === 'streamable-http') lines.push(`  url: ${transport.url}`);
  else lines.push(`  command: ${JSON.stringify(process.execPath)}`, `  args: ${JSON.stringify(stdioUpstreamArgs)}`);
  lines.push('prefix: fast', '');
  return lines.join('\n');
}

/**
 * GatewayAccess says who a gateway target lets in. `anonymous`: everyone, as principal bench of
 * group bench, under one allow-everything rule, so auth and RBAC are as good as off. `oidc`:
 * only bearer JWTs from the issuer, for audience publicUrl, under a policy of `largePolicyRules`
 * rules over `largePolicyGroups` groups in which group bench is granted fast/echo alone.
 */
export type GatewayAccess =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'oidc'; readonly issuer: string; readonly publicUrl: string };

const anonymousAccess: GatewayAccess = { kind: 'anonymous' };

/** largePolicyRules counts every rule of the oidc policy, bench's own grant included. */
const largePolicyRules = 2000;
/** largePolicyGroups counts the generated team groups of the oidc policy; group bench comes on top. */
const largePolicyGroups = 200;
/** largePolicyServers counts the servers the oidc policy's rules are spread over: fast and disabled others. */
const largePolicyServers = 20;

/**
 * benchGroups are the groups of gateway-auth's token: bench, which grants the call, and teams
 * whose generated rules the principal's profile also matches, as a member of several teams would.
 */
const benchGroups: readonly string[] = ['bench', ...[3, 42, 77, 120, 163].map((team) => groupNames(largePolicyGroups)[team]!)];

/** writeGatewayConfig writes the config repository a gateway target serves; see GatewayAccess for who may do what. */
export async function writeGatewayConfig(folder: string, transport: UpstreamTransport, options: TargetOptions, access: GatewayAccess = anonymousAccess, guardrails?: string, telemetry?: string): Promise<void> {
  await mkdir(path.join(folder, 'policies'), { recursive: true });
  await mkdir(path.join(folder, 'servers'), { recursive: true });
  const teams = access.kind === 'oidc' ? groupNames(largePolicyGroups) : [];
  // One session carries all of a run's concurrency, so the per-session and per-principal caps
  // are raised above it; the idle-sessions measurement needs maxSessions above its count.
  await writeFile(
    path.join(folder, 'portcullis.yaml'),
    [
      'version: 1',
      ...(access.kind === 'oidc' ? ['gateway:', `  publicUrl: ${access.publicUrl}`] : []),
      'limits:',
      `  maxSessions: ${options.maxSessions}`,
      `  maxConcurrentCallsPerSession: ${Math.max(32, options.maxConcurrency * 2)}`,
      `  maxConcurrentCallsPerPrincipal: ${Math.max(128, options.maxConcurrency * 4)}`,
      'auth:',
      ...(access.kind === 'oidc'
        ? ['  oidc:', `    - issuer: ${access.issuer}`, '      groupClaims: [groups]']
        : ['  anonymous:', '    enabled: true', '    principal: bench', '    groups: [bench]']),
      'groups:',
      '  bench: {}',
      ...teams.map((team) => `  ${team}: {}`),
      'logging:',
      '  level: warn',
      '  format: json',
      ...(telemetry === undefined ? [] : [telemetry]),
      '',
    ].join('\n'),
  );
  const grant =
    access.kind === 'oidc'
      ? ['description: The benchmark principal may call the fast upstream\'s echo.', 'rules:', '  - id: bench-echo', '    effect: allow', '    subjects:', '      groups: [bench]', '    servers: [fast]', '    tools: [echo]', '']
      : [
          'description: The benchmark principal may use everything.',
          'rules:',
          '  - id: bench-all',
          '    effect: allow',
          '    subjects:',
          '      groups: [bench]',
          '    servers: ["*"]',
          '    tools: ["*"]',
          '    prompts: ["*"]',
          '    resources: ["*"]',
          '',
        ];
  await writeFile(path.join(folder, 'policies', 'bench.yaml'), grant.join('\n'));
  await writeFile(path.join(folder, 'servers', 'fast.yaml'), serverFile(transport));
  if (guardrails !== undefined) {
    await mkdir(path.join(folder, 'guardrails'), { recursive: true });
    await writeFile(path.join(folder, 'guardrails', 'bench.yaml'), guardrails);
  }
  if (access.kind === 'oidc') {
    // The generated rules name servers server-1 … server-19 besides fast. They are declared
    // (a rule naming an undeclared server is invalid) but disabled, so the gateway serves the
    // same one upstream as the anonymous target, and auth plus the policy's size is the only
    // difference between them. Their rules still sit in the subject index every request uses.
    const others = Array.from({ length: largePolicyServers - 1 }, (_, i) => `server-${i + 1}`);
    await Promise.all(
      others.map((id) =>
        writeFile(
          path.join(folder, 'servers', `${id}.yaml`),
          [`id: ${id}`, 'description: A server the generated policy names; not served.', 'enabled: false', 'transport:', '  type: streamable-http', '  url: http://127.0.0.1:9/mcp', ''].join('\n'),
        ),
      ),
    );
    await writePolicyFiles(folder, { groups: teams, servers: ['fast', ...others], rules: largePolicyRules - 1, variety: 'mixed-subjects' });
  }
}

/** GatewayStart is how a gateway target starts beyond its upstream: on which port, letting whom in, with which request headers. */
interface GatewayStart {
  /** port is the port to listen on; a free one when omitted. oidc access needs it beforehand, for publicUrl. */
  readonly port?: number;
  readonly access?: GatewayAccess;
  /** headers are sent on the readiness probe's requests. */
  readonly headers?: RequestHeaders;
  /** guardrails is the content of a guardrail file to serve, if any. */
  readonly guardrails?: string;
  /** telemetry, when set, is given the URL of a started OTLP sink and returns the root config's telemetry section. */
  readonly telemetry?: (otlpEndpoint: string) => string;
}

/**
 * gatewayNodeFlags are the Node flags a gateway process runs with: those the `portcullis`
 * command's shebang and `npm start` give it (a 64 MiB semi-space), then any from
 * BENCH_GATEWAY_NODE_FLAGS. `--cpu-prof --cpu-prof-dir=/tmp/prof` there profiles the gateway
 * under load, which NODE_OPTIONS cannot (Node refuses --cpu-prof there) and which would
 * profile the load generator too; a later `--max-semi-space-size` overrides the first.
 */
function gatewayNodeFlags(): string[] {
  return ['--max-semi-space-size=64', ...(process.env['BENCH_GATEWAY_NODE_FLAGS'] ?? '').split(' ').filter((flag) => flag !== '')];
}

/** startGateway starts `portcullis serve` on a generated config repository in front of the given upstream. */
async function startGateway(
  workFolder: string,
  name: string,
  transport: UpstreamTransport,
  options: TargetOptions,
  started: LoggedProcess[],
  start: GatewayStart = {},
): Promise<{ front: LoggedProcess; origin: string }> {
  const configFolder = path.join(workFolder, `${name}-config`);
  // The port is chosen here rather than with PORT=0 and the logged address because at log
  // level warn the gateway may not log its listen address, and a line about an upstream may
  // carry an "address" too.
  const port = start.port ?? (await freePort());
  let telemetry: string | undefined;
  if (start.telemetry) {
    const sink = await startFastUpstream(workFolder, `${name}-otlp-sink`, otlpSinkScript);
    started.push(sink.process);
    telemetry = start.telemetry(sink.origin);
  }
  await writeGatewayConfig(configFolder, transport, options, start.access, start.guardrails, telemetry);
  const front = spawnLogged(workFolder, name, [...gatewayNodeFlags(), path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', configFolder], { PORT: String(port) });
  started.push(front);
  await waitUntil(name, front, listenTimeoutMs, () => acceptsConnections(port));
  const origin = `http://127.0.0.1:${port}`;
  await waitUntil(name, front, readyTimeoutMs, () => offersTool(origin, '/mcp', 'fast__echo', start.headers));
  return { front, origin };
}

/** httpGatewayTarget is `portcullis serve` in front of the fast upstream over Streamable HTTP, started as `start` says. */
function httpGatewayTarget(name: string, description: string, start: GatewayStart = {}): TargetDefinition {
  return {
    name,
    description,
    async start(workFolder, options) {
      const { process: upstream, origin: upstreamOrigin } = await startFastUpstream(workFolder, `${name}-upstream`);
      const started: LoggedProcess[] = [upstream];
      try {
        const { front, origin } = await startGateway(workFolder, name, { type: 'streamable-http', url: `${upstreamOrigin}/mcp` }, options, started, start);
        return { driver: httpDriver, origin, path: '/mcp', toolName: 'fast__echo', frontPid: front.child.pid!, upstreamPid: upstream.child.pid, logTail: front.tail, stop: () => stopAll(started) };
      } catch (caught) {
        await stopAll(started);
        throw caught;
      }
    },
  };
}

const gateway = httpGatewayTarget('gateway', 'portcullis serve → fast upstream (Streamable HTTP)');

/**
 * benchGuardrails is the example config's baseline: secrets blocked in arguments; secrets,
 * personal data and injection looked for in every result. All enforced, so redaction and
 * blocking run as in production; the echoed text is benign, so every call passes.
 */
export const benchGuardrails = `guardrails:
  - id: no-secrets-in-arguments
    phase: request
    detector: { type: secrets }
    action: block
  - id: redact-secrets-in-results
    phase: response
    detector: { type: secrets }
    action: redact
  - id: redact-personal-data
    phase: response
    detector: { type: pii }
    action: redact
  - id: injection-in-results
    phase: response
    detector: { type: injection }
    action: block
`;

const gatewayGuarded = httpGatewayTarget('gateway-guarded', 'portcullis serve → fast upstream (Streamable HTTP), guardrails on: secrets in arguments, secrets, personal data and injection in results', { guardrails: benchGuardrails });

/**
 * Telemetry configurations of the benchmark, from the cheapest complete audit trail to
 * everything a config can ask for. Collectors are bench/mcp/otlp-sink.ts in its own process.
 *
 *   gateway-audit-file   every decision as a JSON line in a file (arguments hashed); no traces
 *   gateway-audit-otlp   every decision as an OTLP log record and a JSON line; 10% of traces
 *   gateway-audited      every trace, every record over OTLP and to a file, arguments and results in full
 */
const auditFileTelemetry = (): string => `telemetry:
  audit:
    sinks: [file]
    file: audit/records.jsonl`;

const auditOtlpTelemetry = (endpoint: string): string => `telemetry:
  exporter: otlp
  otlp:
    endpoint: ${endpoint}
  samplingRatio: 0.1
  audit:
    sinks: [otel, file]
    file: audit/records.jsonl`;

const fullTelemetry = (endpoint: string): string => `telemetry:
  exporter: otlp
  otlp:
    endpoint: ${endpoint}
    protocol: http/protobuf
  samplingRatio: 1
  audit:
    sinks: [otel, file]
    file: audit/records.jsonl
    capture:
      arguments: full
      results: full`;

const gatewayAuditFile = httpGatewayTarget('gateway-audit-file', 'portcullis serve → fast upstream (Streamable HTTP), every decision audited as a JSON line in a file, no traces', { telemetry: auditFileTelemetry });
const gatewayAuditOtlp = httpGatewayTarget('gateway-audit-otlp', 'portcullis serve → fast upstream (Streamable HTTP), every decision audited over OTLP and to a file, 10% of traces exported', { telemetry: auditOtlpTelemetry });
const gatewayAudited = httpGatewayTarget('gateway-audited', 'portcullis serve → fast upstream (Streamable HTTP), full telemetry: every span exported over OTLP, audit records over OTLP and to a file, arguments and results captured in full', { telemetry: fullTelemetry });

/**
 * startIssuer starts an OIDC provider in the benchmark process and issues the bench principal's
 * token for the audience publicUrl: groups benchGroups, and department and org.unit claims that
 * some generated claim rules match, so its profile is found the way a real user's is.
 */
export async function startIssuer(publicUrl: string): Promise<{ idp: OAuth2Server; token: string }> {
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  try {
    const token = await idp.issuer.buildToken({
      scopesOrTransform: (_header, payload) =>
        Object.assign(payload, { sub: 'bench-user', aud: publicUrl, groups: benchGroups, department: generatedDepartments[0], org: { unit: generatedUnits[1] } }),
    });
    return { idp, token };
  } catch (caught) {
    await idp.stop();
    throw caught;
  }
}

const gatewayAuth: TargetDefinition = {
  name: 'gateway-auth',
  description: `portcullis serve → fast upstream (Streamable HTTP), auth and RBAC on: bearer JWT (OIDC), ${largePolicyRules} rules over ${largePolicyGroups} groups`,
  async start(workFolder, options) {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}/mcp`;
    const { idp, token } = await startIssuer(publicUrl);
    const started: LoggedProcess[] = [];
    const stop = async (): Promise<void> => {
      await stopAll(started);
      await idp.stop();
    };
    try {
      const { process: upstream, origin: upstreamOrigin } = await startFastUpstream(workFolder, 'gateway-auth-upstream');
      started.push(upstream);
      const headers: RequestHeaders = { authorization: `Bearer ${token}` };
      const access: GatewayAccess = { kind: 'oidc', issuer: idp.issuer.url!, publicUrl };
      const { front, origin } = await startGateway(workFolder, 'gateway-auth', { type: 'streamable-http', url: `${upstreamOrigin}/mcp` }, options, started, { port, access, headers });
      return { driver: httpDriver, origin, path: '/mcp', toolName: 'fast__echo', headers, frontPid: front.child.pid!, upstreamPid: upstream.child.pid, logTail: front.tail, stop };
    } catch (caught) {
      await stop();
      throw caught;
    }
  },
};

const gatewaySdk: TargetDefinition = {
  name: 'gateway-sdk',
  description: 'portcullis serve → SDK upstream (Streamable HTTP)',
  async start(workFolder, options) {
    const { process: upstream, origin: upstreamOrigin } = await startFastUpstream(workFolder, 'gateway-sdk-upstream', sdkUpstreamScript);
    const started: LoggedProcess[] = [upstream];
    try {
      const { front, origin } = await startGateway(workFolder, 'gateway-sdk', { type: 'streamable-http', url: `${upstreamOrigin}/mcp` }, options, started);
      return { driver: httpDriver, origin, path: '/mcp', toolName: 'fast__echo', frontPid: front.child.pid!, upstreamPid: upstream.child.pid, logTail: front.tail, stop: () => stopAll(started) };
    } catch (caught) {
      await stopAll(started);
      throw caught;
    }
  },
};

const gatewayStdio: TargetDefinition = {
  name: 'gateway-stdio',
  description: 'portcullis serve → fast upstream (stdio), the like-for-like peer of mcp-proxy',
  async start(workFolder, options) {
    const started: LoggedProcess[] = [];
    try {
      const { front, origin } = await startGateway(workFolder, 'gateway-stdio', { type: 'stdio' }, options, started);
      const upstreamPid = childPid(front.child.pid!, fastUpstreamScript);
      return { driver: httpDriver, origin, path: '/mcp', toolName: 'fast__echo', frontPid: front.child.pid!, upstreamPid, logTail: front.tail, stop: () => stopAll(started) };
    } catch (caught) {
      await stopAll(started);
      throw caught;
    }
  },
};

const mcpProxy: TargetDefinition = {
  name: 'mcp-proxy',
  description: 'mcp-proxy → fast upstream (stdio)',
  async start(workFolder) {
    const port = await freePort();
    const bin = path.join(repoRoot, 'node_modules', 'mcp-proxy', 'dist', 'bin', 'mcp-proxy.mjs');
    // --no-eventStore is what mcp-proxy recommends for request/response-only use; the gateway
    // keeps no resumability buffer either.
    const front = spawnLogged(workFolder, 'mcp-proxy', [
      bin, '--host', '127.0.0.1', '--port', String(port), '--server', 'stream', '--no-eventStore',
      '--', process.execPath, ...stdioUpstreamArgs,
    ]);
    try {
      await waitUntil('mcp-proxy', front, listenTimeoutMs, () => acceptsConnections(port));
      const origin = `http://127.0.0.1:${port}`;
      await waitUntil('mcp-proxy', front, readyTimeoutMs, () => offersTool(origin, '/mcp', 'echo'));
      const upstreamPid = childPid(front.child.pid!, fastUpstreamScript);
      return { driver: httpDriver, origin, path: '/mcp', toolName: 'echo', frontPid: front.child.pid!, upstreamPid, logTail: front.tail, stop: () => front.stop() };
    } catch (caught) {
      await front.stop();
      throw caught;
    }
  },
};

const mcpHub: TargetDefinition = {
  name: 'mcp-hub',
  description: 'mcp-hub 4.2.1 → fast upstream (stdio); clients over legacy HTTP+SSE (GET /mcp, POST /messages)',
  async start(workFolder) {
    const port = await freePort();
    const hubFolder = path.join(workFolder, 'mcp-hub');
    await mkdir(hubFolder, { recursive: true });
    const configPath = path.join(hubFolder, 'mcp-servers.json');
    await writeFile(configPath, JSON.stringify({ mcpServers: { fast: { command: process.execPath, args: stdioUpstreamArgs } } }, null, 2));
    const bin = path.join(repoRoot, 'node_modules', 'mcp-hub', 'dist', 'cli.js');
    // mcp-hub keeps a log and a workspace cache under the XDG folders: point them at the work
    // folder so the benchmark leaves nothing in the home directory. At start it also tries to
    // fetch its marketplace catalogue; without network it logs an error and goes on.
    const front = spawnLogged(workFolder, 'mcp-hub', [bin, '--port', String(port), '--config', configPath], {
      XDG_STATE_HOME: path.join(hubFolder, 'state'),
      XDG_CONFIG_HOME: path.join(hubFolder, 'config'),
      XDG_DATA_HOME: path.join(hubFolder, 'data'),
    });
    try {
      await waitUntil('mcp-hub', front, listenTimeoutMs, () => acceptsConnections(port));
      const origin = `http://127.0.0.1:${port}`;
      // It namespaces tools as SERVER__TOOL, like the gateway's prefix.
      await waitUntil('mcp-hub', front, readyTimeoutMs, () => offersToolOverSse(origin, '/mcp', 'fast__echo'));
      const upstreamPid = childPid(front.child.pid!, fastUpstreamScript);
      return { driver: { kind: 'legacy-sse' }, origin, path: '/mcp', toolName: 'fast__echo', frontPid: front.child.pid!, upstreamPid, logTail: front.tail, stop: () => front.stop() };
    } catch (caught) {
      await front.stop();
      throw caught;
    }
  },
};

/** targetDefinitions lists every target in the order the benchmark runs them. */
export const targetDefinitions: readonly TargetDefinition[] = [direct, directStdio, hyperExpressFloor, sdkDirect, gateway, gatewayGuarded, gatewayAuditFile, gatewayAuditOtlp, gatewayAudited, gatewayAuth, gatewayStdio, gatewaySdk, mcpProxy, mcpHub];
