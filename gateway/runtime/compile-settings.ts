/**
 * Compiling the root file's gateway-wide settings, with every default made explicit.
 */
import path from 'node:path';
import type { RootFile, ToolsLockFile } from '../config/schema-types.generated.ts';
import { lockFilePath } from '../config/lock-file-path.ts';
import { parseDuration, parseSize } from '../config/units.ts';
import { parseSecretReference } from '../secrets/reference.ts';
import { compileTemplates } from './compile-server.ts';
import { defaults } from './defaults.ts';
import type { AuthRuntime, GatewayRuntime, GroupRuntime, LimitsRuntime, Runtime, SecretsRuntime, TelemetryRuntime } from './runtime.ts';

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/** compileGateway resolves listening address, public URL and the Origin/Host allow lists. */
export function compileGateway(root: RootFile, environment: NodeJS.ProcessEnv): GatewayRuntime {
  const settings = root.gateway ?? {};
  const host = settings.host ?? defaults.host;
  const portFromEnv = environment.PORT !== undefined && /^[0-9]+$/.test(environment.PORT) ? Number(environment.PORT) : undefined;
  const port = portFromEnv ?? settings.port ?? defaults.port;
  const mcpPath = settings.mcpPath ?? defaults.mcpPath;
  const publicUrl = settings.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}${mcpPath}`;
  const publicHost = new URL(publicUrl).host;
  const onLoopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  const allowedHosts = settings.allowedHosts ?? [publicHost, ...(onLoopback ? loopbackHosts.flatMap((h) => [h, `${h}:${port}`]) : [])];
  return {
    host,
    port,
    publicUrl,
    mcpPath,
    legacySsePath: settings.legacySsePath ?? null,
    allowedOrigins: new Set(settings.allowedOrigins ?? []),
    allowedHosts: new Set(allowedHosts),
    toolNameSeparator: settings.toolNameSeparator ?? defaults.toolNameSeparator,
    adminAllowRemote: settings.admin?.allowRemote ?? false,
  };
}

/** compileLimits converts limits to bytes, counts and milliseconds. */
export function compileLimits(root: RootFile): LimitsRuntime {
  const limits = root.limits ?? {};
  return {
    maxRequestBodyBytes: parseSize(limits.maxRequestBody ?? defaults.maxRequestBody),
    maxSessions: limits.maxSessions ?? defaults.maxSessions,
    sessionIdleTimeoutMs: parseDuration(limits.sessionIdleTimeout ?? defaults.sessionIdleTimeout),
    maxConcurrentCallsPerSession: limits.maxConcurrentCallsPerSession ?? defaults.maxConcurrentCallsPerSession,
    maxConcurrentCallsPerPrincipal: limits.maxConcurrentCallsPerPrincipal ?? defaults.maxConcurrentCallsPerPrincipal,
    callTimeoutMs: parseDuration(limits.callTimeout ?? defaults.callTimeout),
    connectTimeoutMs: parseDuration(limits.connectTimeout ?? defaults.connectTimeout),
    shutdownGracePeriodMs: parseDuration(limits.shutdownGracePeriod ?? defaults.shutdownGracePeriod),
  };
}

/** compileAuth resolves issuers, API keys, anonymous access and revocations. */
export function compileAuth(root: RootFile, publicUrl: string): AuthRuntime {
  const auth = root.auth ?? {};
  return {
    issuers: (auth.oidc ?? []).map((issuer) => ({
      issuer: issuer.issuer,
      jwksUrl: issuer.jwksUrl ?? null,
      audiences: issuer.audiences ?? [publicUrl],
      algorithms: issuer.algorithms ?? [...defaults.algorithms],
      clockSkewMs: parseDuration(issuer.clockSkew ?? defaults.clockSkew),
      principalClaim: issuer.principalClaim ?? defaults.principalClaim,
      groupClaims: issuer.groupClaims ?? [...defaults.groupClaims],
      attributeClaims: new Map(Object.entries(issuer.attributeClaims ?? {})),
      requiredScopes: issuer.requiredScopes ?? [],
      jwksCacheTtlMs: parseDuration(issuer.jwksCacheTtl ?? defaults.jwksCacheTtl),
      jwksCooldownMs: parseDuration(issuer.jwksCooldown ?? defaults.jwksCooldown),
    })),
    apiKeys: (auth.apiKeys ?? []).map((key) => {
      const hash = parseSecretReference(key.hash);
      if (!hash.ok) throw new Error(`secret reference should have been validated: ${key.id}`);
      return {
        id: key.id,
        hash: hash.value,
        principal: key.principal,
        groups: key.groups ?? [],
        expiresAt: key.expires ? Date.parse(`${key.expires}T23:59:59.999Z`) : null,
      };
    }),
    apiKeyHeader: (auth.apiKeyHeader ?? defaults.apiKeyHeader).toLowerCase(),
    anonymous: auth.anonymous?.enabled
      ? { principal: auth.anonymous.principal ?? defaults.anonymousPrincipal, groups: auth.anonymous.groups ?? [] }
      : null,
    revokedPrincipals: new Set(auth.revoked?.principals ?? []),
    revokedApiKeys: new Set(auth.revoked?.apiKeys ?? []),
  };
}

/** compileGroups builds the declared groups with their static members. */
export function compileGroups(root: RootFile): ReadonlyMap<string, GroupRuntime> {
  return new Map(
    Object.entries(root.groups ?? {}).map(([name, group]) => [
      name,
      { name, description: group.description ?? null, members: new Set(group.members ?? []) },
    ]),
  );
}

/** compileSecrets resolves provider settings; references are gathered by the caller. */
export function compileSecretProviders(root: RootFile, folder: string): Omit<SecretsRuntime, 'references'> {
  const aws = root.secrets?.aws ?? {};
  const file = root.secrets?.file ?? {};
  return {
    aws: {
      region: aws.region ?? null,
      endpoint: aws.endpoint ?? null,
      refreshIntervalMs: parseDuration(aws.refreshInterval ?? defaults.awsRefreshInterval),
      refreshJitter: aws.refreshJitter ?? defaults.awsRefreshJitter,
      maxStalenessMs: aws.maxStaleness ? parseDuration(aws.maxStaleness) : null,
    },
    file: {
      root: path.resolve(folder, file.root ?? '.'),
      refreshIntervalMs: parseDuration(file.refreshInterval ?? defaults.fileRefreshInterval),
    },
  };
}

/** compileTelemetry resolves exporter, sampling and audit settings. */
export function compileTelemetry(root: RootFile, folder: string): TelemetryRuntime {
  const telemetry = root.telemetry ?? {};
  const otlp = telemetry.otlp;
  return {
    serviceName: telemetry.serviceName ?? defaults.serviceName,
    exporter: telemetry.exporter ?? 'none',
    otlp: otlp
      ? {
          endpoint: otlp.endpoint,
          protocol: otlp.protocol ?? defaults.otlpProtocol,
          headers: compileTemplates(otlp.headers),
          timeoutMs: parseDuration(otlp.timeout ?? defaults.otlpTimeout),
        }
      : null,
    resourceAttributes: new Map(Object.entries(telemetry.resourceAttributes ?? {})),
    samplingRatio: telemetry.samplingRatio ?? defaults.samplingRatio,
    maxQueueSize: telemetry.maxQueueSize ?? defaults.maxQueueSize,
    batch: {
      maxSize: Math.min(telemetry.batch?.maxSize ?? defaults.batchMaxSize, telemetry.maxQueueSize ?? defaults.maxQueueSize),
      delayMs: parseDuration(telemetry.batch?.delay ?? defaults.batchDelay),
    },
    metricsIntervalMs: parseDuration(telemetry.metricsInterval ?? defaults.metricsInterval),
    audit: {
      sinks: telemetry.audit?.sinks ?? [...defaults.auditSinks],
      file: telemetry.audit?.file ? path.resolve(folder, telemetry.audit.file) : null,
      capture: {
        arguments: telemetry.audit?.capture?.arguments ?? defaults.captureArguments,
        results: telemetry.audit?.capture?.results ?? defaults.captureResults,
      },
    },
  };
}

/** compileLogging and compilePinning resolve the two small sections. */
export function compileLogging(root: RootFile): Runtime['logging'] {
  return { level: root.logging?.level ?? defaults.logLevel, format: root.logging?.format ?? defaults.logFormat };
}

export function compilePinning(root: RootFile, folder: string, lock: ToolsLockFile | undefined): Runtime['pinning'] {
  return {
    mode: root.pinning?.mode ?? defaults.pinningMode,
    lockFile: lockFilePath(folder, root),
    pins: lock
      ? new Map(Object.entries(lock.servers).map(([serverId, tools]) => [serverId, new Map(Object.entries(tools).map(([name, pin]) => [name, pin.sha256]))]))
      : null,
  };
}
