/**
 * compile turns a ValidatedConfig into a frozen Runtime. It is pure: no file, network or
 * secret access, and the same input always gives an equal Runtime (only PORT from the given
 * environment is read, because `npm start` and containers set the port that way).
 */
import type { ValidatedConfig } from '../config/validated-config.ts';
import type { SecretReference } from '../secrets/reference.ts';
import { compileGuardrails } from './compile-guardrails.ts';
import { compilePolicy } from './compile-policy.ts';
import { compileServer } from './compile-server.ts';
import {
  compileAuth,
  compileGateway,
  compileGroups,
  compileLimits,
  compileLogging,
  compilePinning,
  compileSecretProviders,
  compileTelemetry,
} from './compile-settings.ts';
import { configVersion } from './config-version.ts';
import { deepFreeze } from './deep-freeze.ts';
import type { Runtime, ServerRuntime } from './runtime.ts';

/** CompileOptions are the few facts from outside the config that compile may use. */
export interface CompileOptions {
  readonly environment?: NodeJS.ProcessEnv;
  /** revision is the git commit the config folder is checked out at, when known (config-revision.ts). */
  readonly revision?: string;
}

/** compile builds the Runtime the data plane serves. Disabled servers are left out entirely. */
export function compile(config: ValidatedConfig, options: CompileOptions = {}): Runtime {
  const root = config.root.value;
  const gateway = compileGateway(root, options.environment ?? {});
  const limits = compileLimits(root);
  const telemetry = compileTelemetry(root, config.folder);
  const servers = new Map<string, ServerRuntime>(
    config.servers
      .filter(({ value }) => value.enabled !== false)
      .map(({ value }) => compileServer(value, config.folder, limits, telemetry.audit.capture))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((server) => [server.id, server]),
  );
  const serverIds = [...servers.keys()];
  const auth = compileAuth(root, gateway.publicUrl);
  const references = uniqueReferences([
    ...auth.apiKeys.map((key) => key.hash),
    ...[...servers.values()].flatMap((server) => server.secretReferences),
    ...[...(telemetry.otlp?.headers.values() ?? [])].flatMap((template) => [...template.references]),
  ]);

  const runtime: Runtime = {
    version: configVersion(config),
    revision: options.revision ?? null,
    folder: config.folder,
    gateway,
    limits,
    auth,
    groups: compileGroups(root),
    servers,
    routing: {
      separator: gateway.toolNameSeparator,
      serverByPrefix: new Map([...servers.values()].filter((s) => s.prefix !== '').map((s) => [s.prefix, s.id])),
      unprefixedServers: [...servers.values()].filter((s) => s.prefix === '').map((s) => s.id),
    },
    policy: compilePolicy(config.policyFiles, serverIds),
    guardrails: compileGuardrails(config.guardrailFiles),
    secrets: { ...compileSecretProviders(root, config.folder), references },
    telemetry,
    logging: compileLogging(root),
    pinning: compilePinning(root, config.folder, config.lock?.value),
  };
  return deepFreeze(runtime);
}

function uniqueReferences(references: readonly SecretReference[]): SecretReference[] {
  const byText = new Map<string, SecretReference>();
  for (const reference of references) byText.set(reference.text, reference);
  return [...byText.values()].sort((a, b) => a.text.localeCompare(b.text));
}
