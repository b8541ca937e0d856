/**
 * createExporters builds the span, log and metric exporters `telemetry.exporter` asks for:
 * `console` for local development, or OTLP over HTTP (protobuf or JSON) or gRPC. `none` builds
 * nothing: spans still get ids (audit records and upstreams join the trace) but nothing leaves.
 *
 * Collector headers may embed secret references. HTTP exporters resolve them for every export, so
 * a rotated collector token applies at once; gRPC takes its metadata when the exporter is built
 * (at start and on each reload that changes the telemetry settings). A header that cannot be
 * resolved is left out and the collector's refusal counts as a failed export; it never stops a call.
 */
import { Metadata } from '@grpc/grpc-js';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ConsoleLogRecordExporter, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { ConsoleMetricExporter, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { Logger } from '../log/logger.ts';
import type { TelemetryRuntime } from '../runtime/runtime.ts';
import { resolveTemplates } from '../secrets/resolve-template.ts';
import type { SecretSource } from '../secrets/secret-source.ts';

export interface Exporters {
  readonly spans: SpanExporter;
  readonly logs: LogRecordExporter;
  readonly metrics: PushMetricExporter;
}

type Otlp = NonNullable<TelemetryRuntime['otlp']>;

/** signalUrl is the OTLP/HTTP URL of one signal: the endpoint with `/v1/<signal>` appended, as the OTLP exporter spec says. */
export function signalUrl(endpoint: string, signal: 'traces' | 'logs' | 'metrics'): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/${signal}`;
}

function headerSource(otlp: Otlp, secrets: SecretSource, logger: Logger): () => Record<string, string> {
  return () => {
    try {
      return resolveTemplates(otlp.headers, secrets);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'telemetry: a collector header could not be resolved; exporting without it');
      return {};
    }
  };
}

/**
 * grpcMetadata turns the headers into gRPC metadata. grpc-js refuses values that are not
 * printable ASCII, quoting the value in its error; such a header is left out and named (never
 * its value) in the log, so a malformed collector token can neither stop the gateway nor leak.
 */
function grpcMetadata(headers: Record<string, string>, logger: Logger): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(headers)) {
    try {
      metadata.set(name.toLowerCase(), value);
    } catch {
      logger.warn({ header: name }, 'telemetry: a collector header has characters gRPC metadata cannot carry; exporting without it');
    }
  }
  return metadata;
}

function otlpExporters(otlp: Otlp, secrets: SecretSource, logger: Logger): Exporters {
  const headers = headerSource(otlp, secrets, logger);
  const timeoutMillis = otlp.timeoutMs;
  if (otlp.protocol === 'grpc') {
    const common = { url: otlp.endpoint, timeoutMillis, metadata: grpcMetadata(headers(), logger) };
    return { spans: new GrpcTraceExporter(common), logs: new GrpcLogExporter(common), metrics: new GrpcMetricExporter(common) };
  }
  // The exporters take the headers factory as asynchronous; resolving is synchronous here.
  const asyncHeaders = async (): Promise<Record<string, string>> => headers();
  const common = (signal: 'traces' | 'logs' | 'metrics') => ({ url: signalUrl(otlp.endpoint, signal), headers: asyncHeaders, timeoutMillis });
  if (otlp.protocol === 'http/json') {
    return { spans: new JsonTraceExporter(common('traces')), logs: new JsonLogExporter(common('logs')), metrics: new JsonMetricExporter(common('metrics')) };
  }
  return { spans: new ProtoTraceExporter(common('traces')), logs: new ProtoLogExporter(common('logs')), metrics: new ProtoMetricExporter(common('metrics')) };
}

export function createExporters(settings: TelemetryRuntime, secrets: SecretSource, logger: Logger): Exporters | undefined {
  if (settings.exporter === 'console') return { spans: new ConsoleSpanExporter(), logs: new ConsoleLogRecordExporter(), metrics: new ConsoleMetricExporter() };
  if (settings.exporter === 'otlp' && settings.otlp) return otlpExporters(settings.otlp, secrets, logger);
  return undefined;
}
