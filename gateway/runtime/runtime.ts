/**
 * Runtime is what the data plane serves: the config compiled into lookup tables, matchers and
 * plain numbers, frozen. A request reads the current Runtime once and keeps it to its end;
 * a reload builds a new one and swaps the reference.
 *
 * Maps and Sets here are typed read-only; Object.freeze cannot stop Map#set, so the types are
 * the guard. Nothing in this file may hold a secret value: only references.
 */
import type { NameFilter, NameMatcher } from '../matching/name-matcher.ts';
import type { SecretReference } from '../secrets/reference.ts';
import type { Template } from '../secrets/template.ts';
import type { CaptureMode, GuardrailRule } from '../config/schema-types.generated.ts';

export interface Runtime {
  /** version is the SHA-256 of the canonical config: equal content, equal version (a reload no-op). */
  readonly version: string;
  /**
   * revision is the git commit the config was loaded from, when the folder is a clean git
   * checkout; null otherwise. It is not part of `version`: a commit that changes no config
   * content does not reload, so the revision is that of the load that last changed it.
   */
  readonly revision: string | null;
  /** folder is the config repository the Runtime was compiled from. */
  readonly folder: string;
  readonly gateway: GatewayRuntime;
  readonly limits: LimitsRuntime;
  readonly auth: AuthRuntime;
  readonly groups: ReadonlyMap<string, GroupRuntime>;
  readonly servers: ReadonlyMap<string, ServerRuntime>;
  readonly routing: RoutingRuntime;
  readonly policy: PolicyRuntime;
  readonly guardrails: GuardrailsRuntime;
  readonly secrets: SecretsRuntime;
  readonly telemetry: TelemetryRuntime;
  readonly logging: { readonly level: string; readonly format: 'json' | 'pretty' };
  readonly pinning: PinningRuntime;
}

export interface GatewayRuntime {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly mcpPath: string;
  readonly legacySsePath: string | null;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly allowedHosts: ReadonlySet<string>;
  readonly toolNameSeparator: string;
  readonly adminAllowRemote: boolean;
}

export interface LimitsRuntime {
  readonly maxRequestBodyBytes: number;
  readonly maxSessions: number;
  readonly sessionIdleTimeoutMs: number;
  readonly maxConcurrentCallsPerSession: number;
  readonly maxConcurrentCallsPerPrincipal: number;
  readonly callTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly shutdownGracePeriodMs: number;
}

export interface IssuerRuntime {
  readonly issuer: string;
  /** jwksUrl is null when keys are found by OIDC discovery. */
  readonly jwksUrl: string | null;
  readonly audiences: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockSkewMs: number;
  readonly principalClaim: string;
  readonly groupClaims: readonly string[];
  readonly attributeClaims: ReadonlyMap<string, string>;
  readonly requiredScopes: readonly string[];
  readonly jwksCacheTtlMs: number;
  readonly jwksCooldownMs: number;
}

export interface ApiKeyRuntime {
  readonly id: string;
  readonly hash: SecretReference;
  readonly principal: string;
  readonly groups: readonly string[];
  /** expiresAt is the end of the expiry day in epoch milliseconds (UTC), or null. */
  readonly expiresAt: number | null;
}

export interface AuthRuntime {
  readonly issuers: readonly IssuerRuntime[];
  readonly apiKeys: readonly ApiKeyRuntime[];
  readonly apiKeyHeader: string;
  /** anonymous is null unless the config explicitly enables anonymous access. */
  readonly anonymous: { readonly principal: string; readonly groups: readonly string[] } | null;
  readonly revokedPrincipals: ReadonlySet<string>;
  readonly revokedApiKeys: ReadonlySet<string>;
}

export interface GroupRuntime {
  readonly name: string;
  readonly description: string | null;
  readonly members: ReadonlySet<string>;
}

export type TransportRuntime =
  | {
      readonly type: 'stdio';
      readonly command: string;
      readonly args: readonly string[];
      readonly env: ReadonlyMap<string, Template>;
      /** cwd is absolute. */
      readonly cwd: string;
    }
  | { readonly type: 'streamable-http' | 'sse'; readonly url: string; readonly headers: ReadonlyMap<string, Template> };

export interface CaptureRuntime {
  readonly arguments: CaptureMode;
  readonly results: CaptureMode;
}

export interface ServerRuntime {
  readonly id: string;
  readonly description: string | null;
  readonly required: boolean;
  readonly transport: TransportRuntime;
  readonly connectTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly restart: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  /** prefix is '' for a server whose names are exposed unprefixed. */
  readonly prefix: string;
  readonly tools: NameFilter;
  readonly prompts: NameFilter;
  readonly resources: NameFilter;
  /** perPrincipal is true when a credential of this server is a per-principal template. */
  readonly perPrincipal: boolean;
  readonly perPrincipalLimits: { readonly maxInstances: number; readonly idleTimeoutMs: number };
  readonly capture: CaptureRuntime;
  readonly toolCaptures: readonly { readonly match: NameMatcher; readonly capture: CaptureRuntime }[];
  /** secretReferences lists every reference the server's transport uses (names only). */
  readonly secretReferences: readonly SecretReference[];
}

export interface RoutingRuntime {
  readonly separator: string;
  /** serverByPrefix maps each non-empty prefix to its server id. */
  readonly serverByPrefix: ReadonlyMap<string, string>;
  /** unprefixedServers lists, in id order, the servers whose names are exposed as they are. */
  readonly unprefixedServers: readonly string[];
}

export interface ArgumentConstraintRuntime {
  readonly argument: string;
  readonly values: ReadonlySet<string | number | boolean> | null;
  readonly pattern: RegExp | null;
  readonly prefix: string | null;
  readonly maxLength: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** schema is the JSON Schema as written; compiled by the policy stage. */
  readonly schema: object | null;
  readonly optional: boolean;
}

export interface PolicyRuleRuntime {
  readonly id: string;
  readonly file: string;
  readonly effect: 'allow' | 'deny';
  readonly subjects: {
    readonly anyUser: boolean;
    readonly users: ReadonlySet<string>;
    readonly groups: ReadonlySet<string>;
    readonly claims: readonly { readonly path: string; readonly values: ReadonlySet<string> }[];
  };
  /** servers is null when the rule covers every server ('*'). */
  readonly servers: ReadonlySet<string> | null;
  readonly tools: NameMatcher;
  readonly prompts: NameMatcher;
  readonly resources: NameMatcher;
  readonly arguments: readonly ArgumentConstraintRuntime[];
}

export interface PolicyRuntime {
  readonly rules: readonly PolicyRuleRuntime[];
  /** rulesByServer lists, per server id, the rules that can apply to it (those naming it or '*'), denies first. */
  readonly rulesByServer: ReadonlyMap<string, readonly PolicyRuleRuntime[]>;
}

export interface GuardrailRuntime {
  readonly id: string;
  readonly file: string;
  readonly phase: GuardrailRule['phase'];
  readonly action: GuardrailRule['action'];
  readonly mode: 'enforce' | 'monitor';
  readonly onError: 'block' | 'allow';
  readonly scope: {
    readonly servers: ReadonlySet<string> | null;
    readonly tools: NameMatcher | null;
    readonly users: ReadonlySet<string> | null;
    readonly groups: ReadonlySet<string> | null;
  };
  /** detector is the validated detector settings; detectors are built from it by the guardrail stage. */
  readonly detector: GuardrailRule['detector'];
}

export interface PinningRuntime {
  readonly mode: 'off' | 'monitor' | 'enforce';
  readonly lockFile: string;
  /** pins maps server id → tool name → approved digest (see gateway/pinning/tool-digest.ts); null when there is no lock file. */
  readonly pins: ReadonlyMap<string, ReadonlyMap<string, string>> | null;
}

export interface GuardrailsRuntime {
  readonly request: readonly GuardrailRuntime[];
  readonly response: readonly GuardrailRuntime[];
  readonly definition: readonly GuardrailRuntime[];
}

export interface SecretsRuntime {
  readonly aws: {
    readonly region: string | null;
    readonly endpoint: string | null;
    readonly refreshIntervalMs: number;
    readonly refreshJitter: number;
    readonly maxStalenessMs: number | null;
  };
  readonly file: { readonly root: string; readonly refreshIntervalMs: number };
  /** references lists every distinct reference in the config, by text. */
  readonly references: readonly SecretReference[];
}

export interface TelemetryRuntime {
  readonly serviceName: string;
  readonly exporter: 'none' | 'console' | 'otlp';
  readonly otlp: {
    readonly endpoint: string;
    readonly protocol: 'http/protobuf' | 'http/json' | 'grpc';
    readonly headers: ReadonlyMap<string, Template>;
    readonly timeoutMs: number;
  } | null;
  readonly resourceAttributes: ReadonlyMap<string, string>;
  readonly samplingRatio: number;
  readonly maxQueueSize: number;
  readonly batch: { readonly maxSize: number; readonly delayMs: number };
  readonly metricsIntervalMs: number;
  readonly audit: {
    readonly sinks: readonly ('otel' | 'stdout' | 'file')[];
    readonly file: string | null;
    readonly capture: CaptureRuntime;
  };
}
