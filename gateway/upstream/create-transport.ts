/**
 * createTransport builds the transport a server's config asks for, resolving its credentials at
 * that moment: each (re)connect reads secrets afresh, and HTTP headers are resolved per request
 * so a rotated credential applies to the next request.
 */
import type { Logger } from '../log/logger.ts';
import type { ServerRuntime } from '../runtime/runtime.ts';
import { resolveTemplates, type ResolveContext } from '../secrets/resolve-template.ts';
import { SseTransport } from './sse-transport.ts';
import { StdioTransport } from './stdio-transport.ts';
import { StreamableHttpTransport } from './streamable-http-transport.ts';
import type { UpstreamTransport } from './transport.ts';

export function createTransport(server: ServerRuntime, secrets: ResolveContext, logger: Logger): UpstreamTransport {
  const transport = server.transport;
  if (transport.type === 'stdio') {
    return new StdioTransport({
      serverId: server.id,
      command: transport.command,
      args: transport.args,
      env: resolveTemplates(transport.env, secrets),
      cwd: transport.cwd,
      logger,
    });
  }
  // Resolve once now so a missing secret fails the connect with a clear error, then per request.
  resolveTemplates(transport.headers, secrets);
  const options = { serverId: server.id, url: transport.url, headers: () => resolveTemplates(transport.headers, secrets), logger };
  return transport.type === 'sse' ? new SseTransport(options) : new StreamableHttpTransport(options);
}

/** transportFingerprint is equal for two server configs that need no reconnect between them. */
export function transportFingerprint(server: ServerRuntime): string {
  const transport = server.transport;
  const templates = (map: ReadonlyMap<string, { parts: readonly unknown[] }>): unknown => [...map].map(([name, template]) => [name, template.parts]);
  return JSON.stringify({
    transport: transport.type === 'stdio' ? { ...transport, env: templates(transport.env) } : { ...transport, headers: templates(transport.headers) },
    connectTimeoutMs: server.connectTimeoutMs,
  });
}
