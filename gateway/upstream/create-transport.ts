/**
 * createTransport builds the transport a server's config asks for, with its credentials from the
 * secret store: a stdio child gets them in its environment at spawn (a changed secret restarts
 * it), HTTP headers are resolved per request, so a rotated credential applies to the next one.
 * For a per-principal server the templates are first bound to the caller.
 */
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { ServerRuntime } from '../runtime/runtime.ts';
import { bindTemplate } from '../secrets/bind-principal.ts';
import { resolveTemplates } from '../secrets/resolve-template.ts';
import type { SecretSource } from '../secrets/secret-source.ts';
import type { Template } from '../secrets/template.ts';
import { SseTransport } from './sse-transport.ts';
import { StdioTransport } from './stdio-transport.ts';
import { StreamableHttpTransport } from './streamable-http-transport.ts';
import type { UpstreamTransport } from './transport.ts';

/** credentialTemplates are a server's templated values: the child's environment or the HTTP headers. */
export function credentialTemplates(server: ServerRuntime): ReadonlyMap<string, Template> {
  return server.transport.type === 'stdio' ? server.transport.env : server.transport.headers;
}

/** boundTemplates binds a server's templates to `principal`; it throws NotProvisionedError when one cannot be. */
export function boundTemplates(server: ServerRuntime, principal: Principal | undefined): ReadonlyMap<string, Template> {
  const templates = credentialTemplates(server);
  if (!principal || !server.perPrincipal) return templates;
  return new Map([...templates].map(([name, template]) => [name, bindTemplate(template, principal)]));
}

export function createTransport(server: ServerRuntime, secrets: SecretSource, logger: Logger, principal?: Principal): UpstreamTransport {
  const transport = server.transport;
  const templates = boundTemplates(server, principal);
  if (transport.type === 'stdio') {
    return new StdioTransport({ serverId: server.id, command: transport.command, args: transport.args, env: resolveTemplates(templates, secrets), cwd: transport.cwd, logger });
  }
  // Resolve once now so a missing secret fails the connect with a clear error, then per request.
  resolveTemplates(templates, secrets);
  const options = { serverId: server.id, url: transport.url, headers: () => resolveTemplates(templates, secrets), logger };
  return transport.type === 'sse' ? new SseTransport(options) : new StreamableHttpTransport(options);
}

/** transportFingerprint is equal for two server configs that need no reconnect between them. */
export function transportFingerprint(server: ServerRuntime): string {
  const transport = server.transport;
  const templates = (map: ReadonlyMap<string, { parts: readonly unknown[] }>): unknown => [...map].map(([name, template]) => [name, template.parts]);
  return JSON.stringify({
    transport: transport.type === 'stdio' ? { ...transport, env: templates(transport.env) } : { ...transport, headers: templates(transport.headers) },
    connectTimeoutMs: server.connectTimeoutMs,
    perPrincipal: server.perPrincipalLimits,
  });
}
