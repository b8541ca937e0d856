/**
 * Test harness for the data plane: real upstream processes (the SDK fixture server over stdio
 * or HTTP) and a real gateway, in this process, listening on port 0 with a chosen HTTP engine,
 * serving a throwaway config repository.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { handleControl } from '../../gateway/control/control-endpoints.ts';
import { Gateway } from '../../gateway/gateway.ts';
import type { HttpExchange, HttpServerHandle } from '../../gateway/http/exchange.ts';
import { listen, type EnginePreference } from '../../gateway/http/listen.ts';
import { createLogger } from '../../gateway/log/logger.ts';
import { loadRuntime, Reloader } from '../../gateway/reload/reloader.ts';
import { Telemetry } from '../../gateway/telemetry/telemetry.ts';
import { repoRoot } from './run-cli.ts';
import { writeRepository, type TempRepository } from './temp-repo.ts';

export const fixtureUpstream = path.join(repoRoot, 'test', 'fixtures', 'upstreams', 'gateway-test-upstream.ts');

/** stdioServerYaml configures the fixture upstream over stdio under `id`. */
export function stdioServerYaml(id: string, extra = ''): string {
  return `id: ${id}\ntransport:\n  type: stdio\n  command: ${process.execPath}\n  args: [--import, tsx, ${fixtureUpstream}, stdio, ${id}]\n  cwd: ${repoRoot}\n${extra}`;
}

/** httpServerYaml configures an HTTP upstream at `url` under `id`. */
export function httpServerYaml(id: string, url: string, extra = ''): string {
  return `id: ${id}\ntransport:\n  type: streamable-http\n  url: ${url}\n${extra}`;
}

export const anonymousRoot = (extra = ''): string =>
  `version: 1\nauth:\n  anonymous:\n    enabled: true\n    principal: tester\n    groups: [testers]\ngroups:\n  testers: {}\nlogging:\n  level: warn\n  format: json\n${extra}`;

/**
 * testersMayUseEverything is the policy a test config gets when it brings none: the anonymous
 * tester may use every server's tools, prompts and resources. Tests about access bring their own.
 */
export const testersMayUseEverything = `rules:
  - id: testers-everything
    effect: allow
    subjects:
      groups: [testers]
    servers: ["*"]
    tools: ["*"]
    prompts: ["*"]
    resources: ["*"]
`;

export interface RunningUpstream {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** startHttpUpstream runs the fixture upstream over HTTP on a free port; `environment` adds to its environment. */
export async function startHttpUpstream(name: string, port = 0, environment: NodeJS.ProcessEnv = {}): Promise<RunningUpstream> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixtureUpstream, 'http', name, String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...environment },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening (\S+)/.exec(buffer);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`upstream ${name} exited with ${code}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export interface RunningGateway {
  readonly baseUrl: string;
  readonly mcpUrl: string;
  readonly gateway: Gateway;
  readonly reloader: Reloader;
  readonly repository: TempRepository;
  readonly server: HttpServerHandle;
  /** telemetry is set when the gateway was started with `telemetry: true`. */
  readonly telemetry: Telemetry | undefined;
  /** logs are the gateway's JSON log records. */
  readonly logs: Record<string, unknown>[];
  /** writeFiles changes the config repository (reload with reloader.reload). */
  writeFiles(files: Readonly<Record<string, string>>): Promise<void>;
  connectClient(options?: { capabilities?: Record<string, unknown>; name?: string; headers?: Record<string, string> }): Promise<Client>;
  stop(): Promise<void>;
}

export interface GatewayOptions {
  readonly engine?: EnginePreference;
  readonly pageSize?: number;
  readonly environment?: NodeJS.ProcessEnv;
  /** telemetry starts the gateway's telemetry as `portcullis serve` does (one per process: stop it before starting another). */
  readonly telemetry?: boolean;
  /** beforeLoad runs on the written repository before the first load (to make it a git checkout, say). */
  readonly beforeLoad?: (folder: string) => Promise<void>;
}

/** startGateway serves a config repository made of `files`. */
export async function startGateway(files: Readonly<Record<string, string>>, options: GatewayOptions = {}): Promise<RunningGateway> {
  const hasPolicies = Object.keys(files).some((name) => name.startsWith('policies/'));
  const repository = await writeRepository(hasPolicies ? files : { ...files, 'policies/testers.yaml': testersMayUseEverything });
  const environment = { ...process.env, PORT: '0', ...options.environment };
  const load = (): ReturnType<typeof loadRuntime> => loadRuntime(repository.folder, environment);
  await options.beforeLoad?.(repository.folder);
  const first = await load();
  if (!first.runtime) throw new Error(`test config invalid: ${JSON.stringify(first.issues)}`);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', format: 'json' }, sink);
  const gateway: Gateway = new Gateway(first.runtime, {
    logger,
    pageSize: options.pageSize,
    environment,
  });
  const telemetry = options.telemetry ? Telemetry.start(gateway, logger) : undefined;
  await gateway.start();
  const reloader = new Reloader(load, gateway, logger);
  const handler = (exchange: HttpExchange): void => {
    if (exchange.path === gateway.runtime.gateway.mcpPath) return gateway.handleMcp(exchange);
    if (!handleControl(exchange, gateway, reloader, server.engine, telemetry)) exchange.reply(404, {}, 'not found');
  };
  const server: HttpServerHandle = await listen({ host: '127.0.0.1', port: 0, maxBodyBytes: 64 * 1024 * 1024 }, handler, options.engine ?? 'auto');
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const clients: Client[] = [];
  return {
    baseUrl,
    mcpUrl: `${baseUrl}${first.runtime.gateway.mcpPath}`,
    gateway,
    reloader,
    repository,
    server,
    telemetry,
    logs,
    async writeFiles(changed) {
      for (const [relative, content] of Object.entries(changed)) {
        const file = path.join(repository.folder, relative);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    },
    async connectClient(clientOptions = {}) {
      const client = new Client({ name: clientOptions.name ?? 'test-client', version: '1.0.0' }, { capabilities: clientOptions.capabilities ?? {} });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}${gateway.runtime.gateway.mcpPath}`), { requestInit: { headers: clientOptions.headers ?? {} } }));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      await server.stopAccepting();
      await gateway.shutdown(0);
      await server.close();
      await telemetry?.shutdown();
      await repository.remove();
    },
  };
}
