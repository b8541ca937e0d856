/**
 * The telemetry seam. Modules that do the work publish what happened on these named
 * diagnostics channels and know nothing of OpenTelemetry; the subscribers in this folder turn
 * the events into spans, metrics and audit records. A channel with no subscriber costs one
 * `hasSubscribers` check, so a publisher builds its message only behind that check.
 *
 * This file imports no OpenTelemetry package: importing it is how a module reports.
 */
import diagnostics from 'node:diagnostics_channel';
import type { GuardVerdict } from '../guardrails/verdict.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { Session } from '../session/session.ts';

/** stageChannel announces each pipeline stage as a request reaches it: `{ stage, context }`. */
export const stageChannel = diagnostics.channel('portcullis:pipeline:stage');

export interface StageEvent {
  readonly stage: string;
  readonly context: RequestContext;
}

/**
 * UpstreamCallEvent is one call the gateway sends upstream on a client's behalf. A subscriber to
 * the start channel may replace `params`: that is how the trace context reaches the upstream's
 * `params._meta` (and from there its HTTP headers). The end channel gets the same object with
 * `result` or `error` set.
 */
export interface UpstreamCallEvent {
  readonly request: RequestContext;
  readonly serverId: string;
  readonly method: string;
  params: Record<string, unknown> | undefined;
  /** transport says how the upstream is reached; `url` is set for HTTP upstreams. */
  readonly transport: 'stdio' | 'streamable-http' | 'sse';
  readonly url: string | undefined;
  /** startedAt is when the call was sent (performance.now()). */
  readonly startedAt: number;
  result: Record<string, unknown> | undefined;
  error: unknown;
}

export const upstreamCallStartChannel = diagnostics.channel('portcullis:upstream:call:start');
export const upstreamCallEndChannel = diagnostics.channel('portcullis:upstream:call:end');

/** UpstreamStateEvent is an upstream connection changing state; `restart` marks a reconnect after a loss. */
export interface UpstreamStateEvent {
  readonly serverId: string;
  readonly state: string;
  readonly restart: boolean;
  readonly error: string | undefined;
  /** connectedMs is how long the connection that just ended had been ready (for the client session duration). */
  readonly connectedMs: number | undefined;
}

export const upstreamStateChannel = diagnostics.channel('portcullis:upstream:state');

/** ToolWithheldEvent is a tool an upstream lists that no client gets to see or call. */
export interface ToolWithheldEvent {
  readonly serverId: string;
  readonly tool: string;
  /** reason is `guardrail`, `pin-changed`, `not-pinned` or `invalid-definition`. */
  readonly reason: string;
  readonly guardrail: string | undefined;
  readonly verdicts: readonly GuardVerdict[];
  readonly configVersion: string;
  /** configRevision is the git commit of the config, when known. */
  readonly configRevision: string | null;
}

export const toolWithheldChannel = diagnostics.channel('portcullis:guardrails:tool-withheld');

/** ConfigReloadEvent is one reload attempt and what came of it. */
export interface ConfigReloadEvent {
  readonly trigger: string;
  readonly outcome: 'applied' | 'unchanged' | 'invalid' | 'failed';
  /** configVersion is the version serving after the attempt; previousVersion the one before. */
  readonly configVersion: string;
  /** configRevision is the git commit of the serving config, when known. */
  readonly configRevision: string | null;
  readonly previousVersion: string;
  readonly errors: readonly string[];
}

export const configReloadChannel = diagnostics.channel('portcullis:config:reload');

/** SecretRefreshEvent is one refresh of a secret provider's references. */
export interface SecretRefreshEvent {
  readonly provider: string;
  readonly outcome: 'ok' | 'failed';
  readonly reason: string | undefined;
}

export const secretRefreshChannel = diagnostics.channel('portcullis:secrets:refresh');

/** SessionEndEvent is a client session ending, with why. */
export interface SessionEndEvent {
  readonly session: Session;
  readonly reason: string;
}

export const sessionEndChannel = diagnostics.channel('portcullis:session:end');
