/**
 * Providers are the OpenTelemetry pipeline of one telemetry setting: the SDK's tracer, meter and
 * logger providers, their exporters and bounded batch processors, and the audit sinks. Telemetry
 * builds one for the serving config and another when a reload changes `telemetry`.
 */
import type { Tracer } from '@opentelemetry/api';
import type { Logger as OtelLogger } from '@opentelemetry/api-logs';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { AlwaysOffSampler, BatchSpanProcessor, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Logger } from '../log/logger.ts';
import type { Runtime, TelemetryRuntime } from '../runtime/runtime.ts';
import type { ProviderHealth } from '../secrets/secret-store.ts';
import type { SecretSource } from '../secrets/secret-source.ts';
import { JsonLinesAuditSink, OtelAuditSink, type AuditSink } from './audit-sinks.ts';
import type { AuditRecord } from './audit-record.ts';
import { maxCapturedChars } from './capture.ts';
import { createExporters } from './exporters.ts';
import { GatewayMetrics } from './gateway-metrics.ts';
import { SnapshotReader } from './metric-snapshot.ts';

const instrumentationName = 'portcullis';
const gatewayVersion = '0.1.0';
/**
 * maxAttributeLength bounds every exported string attribute: a captured value (itself cut at
 * 16 KiB) fits, a client-chosen tool name or URI of megabytes does not.
 */
const maxAttributeLength = maxCapturedChars + 64;
/** defaultExportTimeoutMs is the export timeout of exporters without one (console). */
const defaultExportTimeoutMs = 10_000;

/** TelemetrySource is what Telemetry reads from the gateway: the serving config and the secrets. */
export interface TelemetrySource {
  readonly runtime: Runtime;
  readonly secrets: SecretSource & { health(): Partial<Record<string, ProviderHealth>> };
}

/** Providers are the OpenTelemetry pipeline of one telemetry setting, from SDK providers to sinks. */
export class Providers {
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly loggerProvider: LoggerProvider | undefined;
  readonly snapshot = new SnapshotReader();
  readonly tracer: Tracer;
  readonly auditLogger: OtelLogger | undefined;
  readonly metrics: GatewayMetrics;
  readonly sinks: AuditSink[] = [];
  /**
   * active is false when nothing would leave the process (no exporter, no audit sink): requests
   * then skip telemetry entirely, and a client's trace context passes to the upstream untouched.
   */
  readonly active: boolean;
  /** exporting is true when spans leave the process; without it a client's trace context passes upstream untouched. */
  readonly exporting: boolean;

  constructor(
    readonly settings: TelemetryRuntime,
    source: TelemetrySource,
    logger: Logger,
    instanceId: string,
  ) {
    const resource: Resource = resourceFromAttributes({
      ...Object.fromEntries(settings.resourceAttributes),
      'service.name': settings.serviceName,
      'service.version': gatewayVersion,
      'service.instance.id': instanceId,
    });
    const exporters = createExporters(settings, source.secrets, logger);
    const readers: IMetricReader[] = [this.snapshot];
    const exportTimeoutMs = settings.otlp?.timeoutMs ?? defaultExportTimeoutMs;
    if (exporters) {
      // The SDK refuses an export timeout longer than the interval; an export cannot outlast its interval anyway.
      const exportTimeoutMillis = Math.min(exportTimeoutMs, settings.metricsIntervalMs);
      readers.push(new PeriodicExportingMetricReader({ exporter: exporters.metrics, exportIntervalMillis: settings.metricsIntervalMs, exportTimeoutMillis }));
    }
    this.meterProvider = new MeterProvider({ resource, readers });
    const batch = {
      maxQueueSize: settings.maxQueueSize,
      maxExportBatchSize: settings.batch.maxSize,
      scheduledDelayMillis: settings.batch.delayMs,
      exportTimeoutMillis: exportTimeoutMs,
      selfObsMeterProvider: this.meterProvider,
    };
    this.tracerProvider = new TracerProvider({
      resource,
      spanLimits: { attributeValueLengthLimit: maxAttributeLength },
      // Without an exporter spans still get ids (audit records and upstreams join the trace), but none is recorded.
      sampler: exporters ? new TraceIdRatioBasedSampler(settings.samplingRatio) : new AlwaysOffSampler(),
      spanProcessors: exporters ? [new BatchSpanProcessor({ exporter: exporters.spans, ...batch })] : [],
    });
    this.tracer = this.tracerProvider.getTracer(instrumentationName, gatewayVersion);
    if (exporters && settings.audit.sinks.includes('otel')) {
      this.loggerProvider = new LoggerProvider({ resource, logRecordLimits: { attributeValueLengthLimit: maxAttributeLength }, processors: [new BatchLogRecordProcessor({ exporter: exporters.logs, ...batch })] });
      this.auditLogger = this.loggerProvider.getLogger(instrumentationName, gatewayVersion);
      this.sinks.push(new OtelAuditSink(() => this.auditLogger!));
    }
    const onSinkError = (error: Error): void => logger.error({ err: error.message }, 'telemetry: an audit sink failed; its records are dropped and counted');
    if (settings.audit.sinks.includes('stdout')) this.sinks.push(new JsonLinesAuditSink(process.stdout, false, onSinkError));
    if (settings.audit.sinks.includes('file') && settings.audit.file) {
      try {
        this.sinks.push(JsonLinesAuditSink.toFile(settings.audit.file, onSinkError));
      } catch (error) {
        // An unwritable audit folder must not stop the gateway or a reload; it is loud instead.
        logger.error({ err: (error as Error).message, file: settings.audit.file }, 'telemetry: the audit file cannot be opened; its records are not written');
      }
    }
    this.exporting = exporters !== undefined;
    this.active = this.exporting || this.sinks.length > 0;
    this.metrics = new GatewayMetrics(this.meterProvider.getMeter(instrumentationName, gatewayVersion), () => source.secrets.health());
  }

  /** auditRecords counts the records written, for /admin/telemetry (the metric is recorded only when exported). */
  auditRecords = 0;

  audit(record: AuditRecord): void {
    for (const sink of this.sinks) sink.write(record);
    this.auditRecords++;
    if (this.exporting) this.metrics.recordAudit(record);
  }

  async flush(): Promise<void> {
    await Promise.allSettled([this.tracerProvider.forceFlush(), this.loggerProvider?.forceFlush(), this.meterProvider.forceFlush()]);
  }

  /**
   * retireMetrics ends this pipeline's metrics when a reload replaces it: the replacement's
   * cumulative counters start again from zero, and two providers exporting the same series
   * under one instance id would make them jump back and forth.
   */
  async retireMetrics(): Promise<void> {
    await this.meterProvider.shutdown().catch(() => undefined);
  }

  async shutdown(): Promise<void> {
    await Promise.allSettled([this.tracerProvider.shutdown(), this.loggerProvider?.shutdown(), ...this.sinks.map((sink) => sink.close())]);
    await this.retireMetrics();
  }
}

/** telemetrySettingsKey compares telemetry settings by value (maps included), to tell whether a reload changed them. */
export function telemetrySettingsKey(settings: TelemetryRuntime): string {
  return JSON.stringify(settings, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value));
}
