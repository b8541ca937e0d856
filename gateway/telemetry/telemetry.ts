/**
 * Telemetry is the one place OpenTelemetry is wired: it subscribes to the seam in events.ts and
 * turns what the gateway reports into spans (request-spans.ts), metrics (gateway-metrics.ts) and
 * audit records (request-audit.ts, audit-sinks.ts), exported as `telemetry` in the root config
 * says. It is process-wide, like OpenTelemetry's own providers: one per gateway process.
 *
 * Nothing here can fail or slow a call. Spans and log records wait in bounded batch queues;
 * what does not fit is dropped and counted by the SDK's self-observability metrics
 * (`otel.sdk.processor.*.processed` with `error.type`), which /admin/telemetry reads in process.
 * A reload that changes the telemetry settings builds new providers and retires the old ones
 * after flushing them.
 */
import { randomUUID } from 'node:crypto';
import { TraceFlags } from '@opentelemetry/api';
import type { Logger } from '../log/logger.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { Runtime, TelemetryRuntime } from '../runtime/runtime.ts';
import { SharedAttributes } from './audit-record.ts';
import { capture, captureModesFor, type CapturedValues } from './capture.ts';
import {
  configReloadChannel,
  secretRefreshChannel,
  sessionEndChannel,
  stageChannel,
  toolWithheldChannel,
  upstreamCallEndChannel,
  upstreamCallStartChannel,
  upstreamStateChannel,
  type ConfigReloadEvent,
  type SecretRefreshEvent,
  type SessionEndEvent,
  type StageEvent,
  type ToolWithheldEvent,
  type UpstreamCallEvent,
  type UpstreamStateEvent,
} from './events.ts';
import { sumsByName, total } from './metric-snapshot.ts';
import { Providers, telemetrySettingsKey, type TelemetrySource } from './providers.ts';
import { requestAuditRecords, verdictAttributes, type TraceIds } from './request-audit.ts';
import { requestFacts } from './request-facts.ts';
import { RequestAttributeBuilder } from './request-attributes.ts';
import { epochMs, RequestSpans } from './request-spans.ts';
import { clientTraceId } from './trace-context.ts';

/** retiredGraceMs is how long providers replaced by a reload keep taking the spans of requests that began before it. */
const retiredGraceMs = 30_000;
/** shutdownBoundMs bounds the final flush at shutdown: an unreachable collector must not hold a stopping gateway past its orchestrator's patience. */
const shutdownBoundMs = 5_000;
/** maxReloadErrors bounds the config errors one reload record carries. */
const maxReloadErrors = 20;

/** Subscribable is the part of a diagnostics channel Telemetry uses. */
interface Subscribable {
  subscribe(handler: (message: unknown) => void): void;
  unsubscribe(handler: (message: unknown) => void): unknown;
}

const nothingCaptured: CapturedValues = { arguments: undefined, result: undefined };

/** withoutMeta drops `_meta` (trace context, progress tokens): it differs on every call and says nothing about what was asked. */
function withoutMeta(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params || !('_meta' in params)) return params;
  const { _meta: _dropped, ...rest } = params;
  return rest;
}

/** FinishedRequest is a request that ended, waiting to be recorded with the others of its turn. */
interface FinishedRequest {
  readonly context: RequestContext;
  /** providers are those serving when it ended: a reload in between does not move its records. */
  readonly providers: Providers;
  /** endedAt is when it ended (performance.now()); time the same in epoch milliseconds. */
  readonly endedAt: number;
  readonly time: number;
}

/** TelemetryStatus is what /admin/telemetry shows: where telemetry goes and what was lost on the way. */
export interface TelemetryStatus {
  readonly exporter: TelemetryRuntime['exporter'];
  readonly protocol: string | null;
  readonly endpoint: string | null;
  readonly samplingRatio: number;
  readonly auditSinks: readonly string[];
  readonly spans: { readonly exported: number; readonly failed: number; readonly droppedQueueFull: number };
  readonly logRecords: { readonly exported: number; readonly failed: number; readonly droppedQueueFull: number };
  readonly auditRecords: number;
  readonly auditLinesDropped: number;
}

export class Telemetry {
  private current: Providers;
  private readonly spans: RequestSpans;
  private readonly attributes = new RequestAttributeBuilder();
  /** finished are the requests that ended in this turn of the event loop, not yet recorded. */
  private finished: FinishedRequest[] = [];
  private readonly instanceId = randomUUID();
  private readonly subscriptions: [Subscribable, (message: unknown) => void][];
  /** retired are providers a reload replaced, still taking the spans of requests that began before it. */
  private readonly retired = new Set<Providers>();

  private constructor(
    private readonly source: TelemetrySource,
    private readonly logger: Logger,
  ) {
    this.current = new Providers(source.runtime.telemetry, source, logger, this.instanceId);
    this.spans = new RequestSpans(() => this.current.tracer);
    const subscriptions: [Subscribable, (message: unknown) => void][] = [
      [stageChannel, (message) => this.onStage(message as StageEvent)],
      // Without an exporter a CLIENT span would be neither exported nor propagated: none is made.
      [upstreamCallStartChannel, (message) => this.current.exporting && this.spans.startUpstreamCall(message as UpstreamCallEvent)],
      [upstreamCallEndChannel, (message) => this.onUpstreamCallEnd(message as UpstreamCallEvent)],
      [sessionEndChannel, (message) => this.current.metrics.recordSessionEnd(message as SessionEndEvent)],
      [upstreamStateChannel, (message) => this.current.metrics.recordUpstreamState(message as UpstreamStateEvent)],
      [secretRefreshChannel, (message) => this.current.metrics.recordSecretRefresh(message as SecretRefreshEvent)],
      [toolWithheldChannel, (message) => this.onToolWithheld(message as ToolWithheldEvent)],
      [configReloadChannel, (message) => this.onReload(message as ConfigReloadEvent)],
    ];
    this.subscriptions = subscriptions.map(([channel, handler]) => [channel, this.guarded(handler)]);
    for (const [channel, handler] of this.subscriptions) channel.subscribe(handler);
  }

  /**
   * guarded wraps a subscriber: an exception thrown in a diagnostics-channel subscriber is
   * rethrown by Node on the next tick as an uncaught exception, which would end the gateway.
   * Telemetry must never cost a call or the process, so a failure is logged and dropped.
   */
  private guarded(handler: (message: unknown) => void): (message: unknown) => void {
    return (message) => {
      try {
        handler(message);
      } catch (error) {
        this.logger.error({ err: (error as Error).message, stack: (error as Error).stack }, 'telemetry: a subscriber failed; the event is not recorded');
      }
    };
  }

  /** start builds the providers for the serving config and subscribes to the gateway's events. */
  static start(source: TelemetrySource, logger: Logger): Telemetry {
    const telemetry = new Telemetry(source, logger);
    const { exporter, otlp, samplingRatio, audit } = source.runtime.telemetry;
    if (telemetry.current.active) logger.info({ exporter, protocol: otlp?.protocol, endpoint: otlp?.endpoint, samplingRatio, auditSinks: audit.sinks }, 'telemetry started');
    else logger.warn({ exporter, auditSinks: audit.sinks }, 'telemetry is off: no traces are exported and no audit records are kept (configure telemetry to keep an audit trail)');
    return telemetry;
  }

  /** status reads the in-process counters: what was exported, what failed, what the bounded queues dropped. */
  async status(): Promise<TelemetryStatus> {
    const { settings, snapshot, sinks } = this.current;
    const { resourceMetrics } = await snapshot.collect();
    const metrics = sumsByName(resourceMetrics);
    const signal = (name: string) => ({
      exported: total(metrics.get(name), (attributes) => attributes['error.type'] === undefined),
      failed: total(metrics.get(name), (attributes) => attributes['error.type'] !== undefined && attributes['error.type'] !== 'queue_full'),
      droppedQueueFull: total(metrics.get(name), (attributes) => attributes['error.type'] === 'queue_full'),
    });
    return {
      exporter: settings.exporter,
      protocol: settings.otlp?.protocol ?? null,
      endpoint: settings.otlp?.endpoint ?? null,
      samplingRatio: settings.samplingRatio,
      auditSinks: settings.audit.sinks,
      spans: signal('otel.sdk.processor.span.processed'),
      logRecords: signal('otel.sdk.processor.log.processed'),
      auditRecords: this.current.auditRecords,
      auditLinesDropped: sinks.reduce((sum, sink) => sum + sink.dropped, 0),
    };
  }

  /** flush exports everything queued now (tests, and shutdown). */
  async flush(): Promise<void> {
    this.drainFinished();
    await Promise.all([this.current, ...this.retired].map((providers) => providers.flush()));
  }

  /** shutdown unsubscribes, flushes and closes every provider and sink. */
  async shutdown(): Promise<void> {
    for (const [channel, handler] of this.subscriptions) channel.unsubscribe(handler);
    this.drainFinished();
    const closing = Promise.allSettled([this.current, ...this.retired].map((providers) => providers.shutdown()));
    this.retired.clear();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, shutdownBoundMs)))]);
    clearTimeout(timer);
  }

  private onStage({ stage, context }: StageEvent): void {
    if (stage !== 'audit') return;
    if (!this.current.active) return this.spans.endIfOpen(context);
    // Only JSON-RPC requests and notifications a client posted are MCP operations; a GET stream,
    // a DELETE, a posted response or a body that never parsed is not.
    if (context.exchange.method !== 'POST' || (context.kind !== 'request' && context.kind !== 'notification')) return;
    this.finishRequest(context);
  }

  private finishRequest(context: RequestContext): void {
    // Only the times are taken now; the rest waits for the end of this turn of the event loop.
    this.finished.push({ context, providers: this.current, endedAt: performance.now(), time: Date.now() });
    if (this.finished.length === 1) setImmediate(this.drainFinished);
  }

  /**
   * drainFinished records the requests that ended in the last turn of the event loop, together:
   * the audit code then runs once per turn rather than between every two requests' own work.
   * Measured, that cut what the audit trail cost the rest of the gateway by half or more
   * (docs/performance.md); cache misses are the likely cause, not a proven one.
   */
  private readonly drainFinished = (): void => {
    const finished = this.finished;
    this.finished = [];
    for (const request of finished) {
      try {
        this.record(request);
      } catch (error) {
        this.logger.error({ err: (error as Error).message, stack: (error as Error).stack }, 'telemetry: a request could not be recorded');
      }
    }
  };

  private record({ context, providers, endedAt, time }: FinishedRequest): void {
    const durationMs = endedAt - context.receivedAtHr;
    const facts = requestFacts(context);
    // Capturing costs a serialisation and a hash per value: only when a span or a sink will keep it.
    const keeps = providers.sinks.length > 0 || (providers.exporting && this.spans.serverSpan(context).isRecording());
    const captured = keeps ? this.captureOf(context, facts.method) : nothingCaptured;
    const attributes = this.attributes.build(context, facts);
    let ids: TraceIds;
    if (providers.exporting) {
      const span = this.spans.finish(context, facts, attributes, captured, epochMs(endedAt)).spanContext();
      ids = { traceId: span.traceId, spanId: span.spanId, sampled: (span.traceFlags & TraceFlags.SAMPLED) !== 0 };
      // Metrics are only read by an exporter; /admin/telemetry needs just the SDK's and the audit counts.
      providers.metrics.recordRequest(context, facts, durationMs / 1000);
    } else {
      // No span is exported, so none is made: a record names the client's trace, if it sent one.
      this.spans.endIfOpen(context);
      ids = { traceId: clientTraceId(context), spanId: undefined, sampled: false };
    }
    if (providers.sinks.length === 0) return;
    for (const record of requestAuditRecords(context, facts, ids, attributes, captured, durationMs, time)) providers.audit(record);
  }

  private captureOf(context: RequestContext, method: string | undefined): CapturedValues {
    const target = context.target;
    if (!target || (method !== 'tools/call' && method !== 'prompts/get' && method !== 'resources/read' && method !== 'completion/complete')) {
      return nothingCaptured;
    }
    const modes = captureModesFor(context.runtime, target.serverId, method === 'tools/call' ? target.name : undefined);
    const params = (context.message as { params?: Record<string, unknown> }).params;
    const blocked = (phase: 'request' | 'response'): boolean => context.verdicts.some((verdict) => verdict.phase === phase && verdict.effect === 'blocked');
    return {
      arguments: capture(modes.arguments, method === 'tools/call' || method === 'prompts/get' ? params?.arguments : withoutMeta(params), blocked('request')),
      result: capture(modes.results, context.result, blocked('response')),
    };
  }

  private onUpstreamCallEnd(event: UpstreamCallEvent): void {
    // A span started before a reload turned telemetry off is still ended.
    this.spans.endUpstreamCall(event);
    if (this.current.exporting) this.current.metrics.recordUpstreamCall(event, (performance.now() - event.startedAt) / 1000);
  }

  private onToolWithheld(event: ToolWithheldEvent): void {
    // Requests that finished before this event are recorded before it, by the providers they finished under.
    this.drainFinished();
    this.current.metrics.recordToolWithheld(event);
    const verdict = event.verdicts.find((candidate) => candidate.guardrail === event.guardrail);
    this.current.audit({
      event: 'tool-withheld',
      outcome: 'withheld',
      time: Date.now(),
      severity: 'WARN',
      message: `tool ${event.tool} of server ${event.serverId} withheld from clients (${event.reason})`,
      traceId: undefined,
      spanId: undefined,
      sampled: false,
      extra: {},
      shared: new SharedAttributes(undefined, {
        'portcullis.server.id': event.serverId,
        'gen_ai.tool.name': event.tool,
        'portcullis.tool.withheld_reason': event.reason,
        'portcullis.config.version': event.configVersion,
        ...(event.configRevision === null ? {} : { 'portcullis.config.revision': event.configRevision }),
        ...(verdict ? verdictAttributes(verdict) : {}),
      }),
    });
  }

  private onReload(event: ConfigReloadEvent): void {
    // The requests that finished before the reload are recorded first, by the providers (spans,
    // metrics, sinks) they finished under, which the reload may be about to retire.
    this.drainFinished();
    // Settings first: the record of a reload that moved telemetry goes where the new config says.
    if (event.outcome === 'applied') this.apply(this.source.runtime);
    this.current.metrics.recordReload(event);
    this.current.audit({
      event: 'config-reload',
      outcome: event.outcome,
      time: Date.now(),
      severity: event.outcome === 'invalid' || event.outcome === 'failed' ? 'ERROR' : 'INFO',
      message: `config reload (${event.trigger}): ${event.outcome}; serving ${event.configVersion.slice(0, 12)}`,
      traceId: undefined,
      spanId: undefined,
      sampled: false,
      extra: {},
      shared: new SharedAttributes(undefined, {
        'portcullis.config.version': event.configVersion,
        ...(event.configRevision === null ? {} : { 'portcullis.config.revision': event.configRevision }),
        'portcullis.config.previous_version': event.previousVersion,
        'portcullis.reload.trigger': event.trigger,
        ...(event.errors.length === 0 ? {} : { 'portcullis.reload.errors': event.errors.slice(0, maxReloadErrors) }),
      }),
    });
  }

  /** apply rebuilds the providers when a reload changed the telemetry settings; other reloads change nothing here. */
  private apply(runtime: Runtime): void {
    if (telemetrySettingsKey(runtime.telemetry) === telemetrySettingsKey(this.current.settings)) return;
    const previous = this.current;
    try {
      this.current = new Providers(runtime.telemetry, this.source, this.logger, this.instanceId);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'telemetry: the new settings could not be applied; the previous ones stay');
      return;
    }
    void previous.retireMetrics();
    this.logger.info({ exporter: runtime.telemetry.exporter, endpoint: runtime.telemetry.otlp?.endpoint }, 'telemetry: new settings applied');
    this.retired.add(previous);
    setTimeout(() => {
      if (this.retired.delete(previous)) void previous.shutdown();
    }, retiredGraceMs).unref();
  }
}
