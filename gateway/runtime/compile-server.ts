/**
 * Compiling one server file: durations to milliseconds, globs to filters, templated strings to
 * parsed templates, paths made absolute.
 */
import path from 'node:path';
import { effectivePrefix } from '../config/checks/tool-names.ts';
import type { Capture, ServerFile } from '../config/schema-types.generated.ts';
import { parseDuration } from '../config/units.ts';
import { compileNameFilter, compileNameMatcher } from '../matching/name-matcher.ts';
import type { SecretReference } from '../secrets/reference.ts';
import { parseTemplate, type Template } from '../secrets/template.ts';
import { defaults } from './defaults.ts';
import type { CaptureRuntime, LimitsRuntime, ServerRuntime, TransportRuntime } from './runtime.ts';

/** compileTemplates parses validated templated strings into a map of templates. */
export function compileTemplates(values: Record<string, string> | undefined): ReadonlyMap<string, Template> {
  const templates = new Map<string, Template>();
  for (const [name, text] of Object.entries(values ?? {})) {
    const parsed = parseTemplate(text);
    if (!parsed.ok) throw new Error(`template should have been validated: ${name}`);
    templates.set(name, parsed.value);
  }
  return templates;
}

/** compileCapture resolves a capture setting against the one it overrides. */
export function compileCapture(capture: Capture | undefined, inherited: CaptureRuntime): CaptureRuntime {
  return { arguments: capture?.arguments ?? inherited.arguments, results: capture?.results ?? inherited.results };
}

/** compileServer builds the ServerRuntime of one validated server file. */
export function compileServer(server: ServerFile, folder: string, limits: LimitsRuntime, auditCapture: CaptureRuntime): ServerRuntime {
  const transport = compileTransport(server.transport, folder);
  const templates = transport.type === 'stdio' ? transport.env : transport.headers;
  const secretReferences: SecretReference[] = [...templates.values()].flatMap((template) => [...template.references]);
  const capture = compileCapture(server.audit?.capture, auditCapture);
  return {
    id: server.id,
    description: server.description ?? null,
    required: server.required ?? false,
    transport,
    connectTimeoutMs: server.timeouts?.connect ? parseDuration(server.timeouts.connect) : limits.connectTimeoutMs,
    callTimeoutMs: server.timeouts?.call ? parseDuration(server.timeouts.call) : limits.callTimeoutMs,
    restart: {
      initialDelayMs: parseDuration(server.restart?.initialDelay ?? defaults.restartInitialDelay),
      maxDelayMs: parseDuration(server.restart?.maxDelay ?? defaults.restartMaxDelay),
    },
    prefix: effectivePrefix(server),
    tools: compileNameFilter(server.tools?.allow, server.tools?.deny),
    prompts: compileNameFilter(server.prompts?.allow, server.prompts?.deny),
    resources: compileNameFilter(server.resources?.allow, server.resources?.deny),
    perPrincipal: secretReferences.some((reference) => reference.placeholders.length > 0),
    perPrincipalLimits: {
      maxInstances: server.perPrincipal?.maxInstances ?? defaults.perPrincipalMaxInstances,
      idleTimeoutMs: parseDuration(server.perPrincipal?.idleTimeout ?? defaults.perPrincipalIdleTimeout),
    },
    capture,
    toolCaptures: (server.audit?.tools ?? []).map((override) => ({
      match: compileNameMatcher([override.match]),
      capture: compileCapture(override.capture, capture),
    })),
    secretReferences,
  };
}

function compileTransport(transport: ServerFile['transport'], folder: string): TransportRuntime {
  if (transport.type === 'stdio') {
    return {
      type: 'stdio',
      command: transport.command,
      args: transport.args ?? [],
      env: compileTemplates(transport.env),
      cwd: path.resolve(folder, transport.cwd ?? '.'),
    };
  }
  return { type: transport.type, url: transport.url, headers: compileTemplates(transport.headers) };
}
