/**
 * A real OTLP receiver for tests: it accepts what the gateway's OpenTelemetry exporters send over
 * OTLP/HTTP (protobuf or JSON, optionally gzipped) and OTLP/gRPC, decodes it with protobufjs from
 * otlp.proto, and keeps the spans, log records and metrics in one normalised shape whatever the
 * wire encoding, so acceptance tests assert on decoded values rather than match strings.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  Server as GrpcServer,
  ServerCredentials,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { IConversionOptions, Type } from 'protobufjs';

const gunzipAsync = promisify(gunzip);

/** OtlpReceiverOptions chooses which servers startOtlpReceiver starts besides OTLP/HTTP. */
export interface OtlpReceiverOptions {
  /** grpc starts the OTLP/gRPC server too, answering at `grpcUrl`. */
  readonly grpc?: boolean;
}

/** FailOptions shapes the error answers that `failWith` turns on. */
export interface FailOptions {
  /**
   * retryAfterSeconds adds a Retry-After header to the HTTP error. The SDK exporters give up at
   * once when the delay exceeds their remaining timeout, so a large value keeps a test of a
   * retryable status (503) from waiting out the exporter's whole backoff.
   */
  readonly retryAfterSeconds?: number;
}

/**
 * OtlpValue is an OTLP AnyValue unwrapped into plain JavaScript: strings, booleans, doubles,
 * arrays, key-value lists as objects and bytes as Buffers. An int64 is a number, or a bigint when
 * it lies outside Number's safe range, so that it is never silently rounded. null is an AnyValue
 * with no value set, which OTLP uses for an empty value.
 */
export type OtlpValue = string | boolean | number | bigint | Buffer | null | OtlpValue[] | { [key: string]: OtlpValue };

/** OtlpAttributes is a list of OTLP KeyValues as an object, for resources, scopes and records. */
export type OtlpAttributes = Record<string, OtlpValue>;

/**
 * WireProtocol names the way a record arrived, with the values of OTEL_EXPORTER_OTLP_PROTOCOL,
 * so a test can assert that an exporter used the protocol it was configured with.
 */
export type WireProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** SpanKindName is a span kind as the OTLP SpanKind enum names it, without the SPAN_KIND_ prefix. */
export type SpanKindName = 'UNSPECIFIED' | 'INTERNAL' | 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER';
/** StatusCodeName is a span status code as the OTLP StatusCode enum names it, without the STATUS_CODE_ prefix. */
export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';
/** MetricKind names which of the OTLP Metric data fields a metric carries. */
export type MetricKind = 'sum' | 'gauge' | 'histogram' | 'exponentialHistogram' | 'summary';
/** TemporalityName is an OTLP AggregationTemporality without the AGGREGATION_TEMPORALITY_ prefix. */
export type TemporalityName = 'UNSPECIFIED' | 'DELTA' | 'CUMULATIVE';

/** ReceivedSpanEvent is one event of a ReceivedSpan. */
export interface ReceivedSpanEvent {
  readonly name: string;
  readonly timeUnixNano: bigint;
  readonly attributes: OtlpAttributes;
}

/** ReceivedSpanLink is one link of a ReceivedSpan, with ids as lowercase hex. */
export interface ReceivedSpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly flags: number;
  readonly attributes: OtlpAttributes;
}

/** ReceivedSpan is one decoded span with its resource and scope; ids are lowercase hex, '' when absent. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly traceState: string;
  /** flags is the span's OTLP flags field: W3C trace flags in the low byte, remote-parent bits above. */
  readonly flags: number;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: OtlpAttributes;
  readonly events: ReceivedSpanEvent[];
  readonly links: ReceivedSpanLink[];
  readonly status: { readonly code: StatusCodeName; readonly message: string };
  readonly resource: OtlpAttributes;
  /** scope is the instrumentation scope's name. */
  readonly scope: string;
  readonly scopeVersion: string;
  readonly wireProtocol: WireProtocol;
}

/** ReceivedLogRecord is one decoded log record with its resource and scope. */
export interface ReceivedLogRecord {
  /** traceId and spanId are lowercase hex of the span the record was emitted in, '' outside one. */
  readonly traceId: string;
  readonly spanId: string;
  readonly flags: number;
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: OtlpValue;
  readonly eventName: string;
  readonly attributes: OtlpAttributes;
  readonly resource: OtlpAttributes;
  readonly scope: string;
  readonly wireProtocol: WireProtocol;
}

/**
 * ReceivedDataPoint is one decoded data point. `value` is set for sums and gauges; `count`, `sum`,
 * `min`, `max` and the bucket fields for histograms (`sum`, `min` and `max` only when sent).
 */
export interface ReceivedDataPoint {
  readonly attributes: OtlpAttributes;
  readonly startTimeUnixNano: bigint;
  readonly timeUnixNano: bigint;
  readonly value?: number;
  readonly count?: number;
  readonly sum?: number;
  readonly min?: number;
  readonly max?: number;
  readonly bucketCounts?: number[];
  readonly explicitBounds?: number[];
}

/** ReceivedMetric is one decoded metric with its data points, resource and scope. */
export interface ReceivedMetric {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: MetricKind;
  /** temporality is the aggregation temporality of a sum or histogram, 'UNSPECIFIED' for the others. */
  readonly temporality: TemporalityName;
  readonly isMonotonic: boolean;
  readonly dataPoints: ReceivedDataPoint[];
  readonly resource: OtlpAttributes;
  readonly scope: string;
  readonly wireProtocol: WireProtocol;
}

/** ReceivedRequest describes one export request, in the order they completed. */
export interface ReceivedRequest {
  /** path is the HTTP path (/v1/traces) or the gRPC method path. */
  readonly path: string;
  /** contentType is the HTTP content type as sent; gRPC requests are always 'application/grpc'. */
  readonly contentType: string;
  readonly protocol: 'http' | 'grpc';
  /**
   * contentEncoding is the HTTP content-encoding as sent, 'identity' when none was. It is undefined
   * for gRPC, whose compression grpc-js undoes and hides before the receiver sees the call.
   */
  readonly contentEncoding: string | undefined;
  /** accepted says whether the receiver answered success and kept the request's records. */
  readonly accepted: boolean;
  /** authorization is the request's Authorization header (gRPC: metadata), to check collector credentials. */
  readonly authorization: string | undefined;
}

/** OtlpReceiver is a running receiver; see startOtlpReceiver. */
export interface OtlpReceiver {
  /** httpUrl is the OTLP/HTTP base URL; exporters append /v1/traces, /v1/logs or /v1/metrics. */
  readonly httpUrl: string;
  /**
   * grpcUrl is the OTLP/gRPC endpoint when the gRPC server was started. It is http:// because the
   * SDK's gRPC exporters choose insecure credentials from that scheme (a bare host:port is taken
   * as https:// and fails the TLS handshake).
   */
  readonly grpcUrl: string | undefined;
  readonly spans: ReceivedSpan[];
  readonly logs: ReceivedLogRecord[];
  readonly metrics: ReceivedMetric[];
  /** rawBodies holds every request body as received, after gzip decompression, index-aligned with `requests`. */
  readonly rawBodies: Buffer[];
  readonly requests: ReceivedRequest[];
  /** errors holds why requests were rejected as malformed, for timeout messages and assertions. */
  readonly errors: string[];
  /**
   * waitFor resolves once `predicate` holds for the receiver, and rejects after `timeoutMs` with
   * the predicate's source and a summary of everything received.
   */
  waitFor(predicate: (receiver: OtlpReceiver) => boolean, timeoutMs?: number): Promise<void>;
  /**
   * failWith makes every later export answer `status` (gRPC answers the matching gRPC code)
   * without keeping its records; undefined restores success.
   */
  failWith(status: number | undefined, options?: FailOptions): void;
  /** clear forgets everything received so far, for a receiver shared between tests. */
  clear(): void;
  /** close stops both servers, dropping open connections so that no test process is held open. */
  close(): Promise<void>;
}

/** Signal is one of the three kinds of telemetry, named as in the OTLP/HTTP paths. */
type Signal = 'traces' | 'logs' | 'metrics';

/** SignalSchema ties a signal to its endpoints and its protobuf request and response types. */
interface SignalSchema {
  readonly httpPath: string;
  readonly grpcPath: string;
  readonly request: Type;
  readonly response: Type;
}

const protoRoot = new protobuf.Root();
protoRoot.loadSync(fileURLToPath(new URL('./otlp.proto', import.meta.url)));
// resolveAll makes a missing or misspelt type reference fail here, at import, not mid-test.
protoRoot.resolveAll();

/** signalSchema looks up the types of one collector service in otlp.proto. */
function signalSchema(signal: Signal, collectorPackage: string, service: string, message: string): SignalSchema {
  const prefix = `opentelemetry.proto.collector.${collectorPackage}.v1`;
  return {
    httpPath: `/v1/${signal}`,
    grpcPath: `/${prefix}.${service}/Export`,
    request: protoRoot.lookupType(`${prefix}.Export${message}ServiceRequest`),
    response: protoRoot.lookupType(`${prefix}.Export${message}ServiceResponse`),
  };
}

const schemas: Readonly<Record<Signal, SignalSchema>> = {
  traces: signalSchema('traces', 'trace', 'TraceService', 'Trace'),
  logs: signalSchema('logs', 'logs', 'LogsService', 'Logs'),
  metrics: signalSchema('metrics', 'metrics', 'MetricsService', 'Metrics'),
};

const signalByHttpPath = new Map<string, Signal>(
  (Object.keys(schemas) as Signal[]).map((signal) => [schemas[signal].httpPath, signal]),
);

/**
 * wireObjectOptions turn a decoded message into a plain object: 64-bit integers as decimal
 * strings (exact, and what OTLP/JSON may send too), enums as numbers, bytes left as Uint8Array.
 */
const wireObjectOptions: IConversionOptions = { longs: String, enums: Number };

// The Wire* interfaces describe what Type.toObject returns with wireObjectOptions. Every field is
// optional because proto3 leaves fields at their default value off the wire.

interface WireAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: WireAnyValue[] };
  kvlistValue?: { values?: WireKeyValue[] };
  bytesValue?: Uint8Array;
}

interface WireKeyValue {
  key?: string;
  value?: WireAnyValue;
}

interface WireResource {
  attributes?: WireKeyValue[];
}

interface WireScope {
  name?: string;
  version?: string;
}

interface WireSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: WireKeyValue[];
  events?: { timeUnixNano?: string; name?: string; attributes?: WireKeyValue[] }[];
  links?: { traceId?: Uint8Array; spanId?: Uint8Array; traceState?: string; attributes?: WireKeyValue[]; flags?: number }[];
  status?: { message?: string; code?: number };
}

interface WireTraceRequest {
  resourceSpans?: { resource?: WireResource; scopeSpans?: { scope?: WireScope; spans?: WireSpan[] }[] }[];
}

interface WireLogRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  body?: WireAnyValue;
  attributes?: WireKeyValue[];
  flags?: number;
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  eventName?: string;
}

interface WireLogsRequest {
  resourceLogs?: { resource?: WireResource; scopeLogs?: { scope?: WireScope; logRecords?: WireLogRecord[] }[] }[];
}

interface WireNumberDataPoint {
  attributes?: WireKeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  asDouble?: number;
  asInt?: string;
}

interface WireHistogramDataPoint {
  attributes?: WireKeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  count?: string;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: string[];
  explicitBounds?: number[];
}

interface WireMetric {
  name?: string;
  description?: string;
  unit?: string;
  gauge?: { dataPoints?: WireNumberDataPoint[] };
  sum?: { dataPoints?: WireNumberDataPoint[]; aggregationTemporality?: number; isMonotonic?: boolean };
  histogram?: { dataPoints?: WireHistogramDataPoint[]; aggregationTemporality?: number };
  exponentialHistogram?: { dataPoints?: WireHistogramDataPoint[]; aggregationTemporality?: number };
  summary?: { dataPoints?: WireHistogramDataPoint[] };
}

interface WireMetricsRequest {
  resourceMetrics?: { resource?: WireResource; scopeMetrics?: { scope?: WireScope; metrics?: WireMetric[] }[] }[];
}

/** WireRequest is a decoded export request of any signal, in the shape of wireObjectOptions. */
type WireRequest = WireTraceRequest & WireLogsRequest & WireMetricsRequest;

/** MalformedExport is a request the receiver could not decode; it answers 400 / INVALID_ARGUMENT. */
class MalformedExport extends Error {}

/** decodeProtobuf decodes a protobuf-encoded export request of `signal`. */
function decodeProtobuf(signal: Signal, body: Buffer): WireRequest {
  const { request } = schemas[signal];
  return request.toObject(request.decode(body), wireObjectOptions) as WireRequest;
}

/**
 * decodeJson decodes an OTLP/JSON export request of `signal`. OTLP/JSON is the protobuf JSON
 * mapping except that trace and span ids are hex rather than base64, so the ids are turned into
 * bytes first and protobufjs's fromObject does the rest: lowerCamelCase keys, 64-bit integers as
 * strings or numbers, enums as integers and base64 bytes values.
 */
function decodeJson(signal: Signal, body: Buffer): WireRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new MalformedExport(`body is not JSON: ${(error as Error).message}`);
  }
  const { request } = schemas[signal];
  const message = request.fromObject(hexIdsToBytes(parsed) as Record<string, unknown>);
  return request.toObject(message, wireObjectOptions) as WireRequest;
}

const hexIdKeys = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * hexIdsToBytes copies a parsed OTLP/JSON value with every trace and span id turned from hex into
 * bytes. Matching on key names is safe because OTLP/JSON never uses telemetry data as object keys:
 * attribute keys travel in `key` fields.
 */
function hexIdsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBytes);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (hexIdKeys.has(key) && typeof field === 'string') {
      // An exporter that sends base64 (the plain protobuf JSON mapping) must fail here, not decode to wrong ids.
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(field)) throw new MalformedExport(`${key} is not hex: ${JSON.stringify(field)}`);
      copy[key] = Buffer.from(field, 'hex');
    } else {
      copy[key] = hexIdsToBytes(field);
    }
  }
  return copy;
}

/** int64Value turns a decimal int64 string into a number, or a bigint when a number would round it. */
function int64Value(decimal: string): number | bigint {
  const exact = BigInt(decimal);
  const approximate = Number(exact);
  return Number.isSafeInteger(approximate) ? approximate : exact;
}

/** unwrapValue turns an AnyValue into plain JavaScript (see OtlpValue). */
function unwrapValue(value: WireAnyValue | undefined): OtlpValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return int64Value(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(unwrapValue);
  if (value.kvlistValue !== undefined) return unwrapAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return Buffer.from(value.bytesValue);
  return null;
}

/** unwrapAttributes turns a KeyValue list into an object; a repeated key keeps its last value. */
function unwrapAttributes(list: WireKeyValue[] | undefined): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  for (const { key, value } of list ?? []) attributes[key ?? ''] = unwrapValue(value);
  return attributes;
}

/** hex renders an id as lowercase hex, and an absent id (a root span's parent) as ''. */
const hex = (bytes: Uint8Array | undefined): string => (bytes === undefined ? '' : Buffer.from(bytes).toString('hex'));
const nanos = (decimal: string | undefined): bigint => BigInt(decimal ?? '0');
const count = (decimal: string | undefined): number => Number(decimal ?? '0');

const spanKinds: readonly SpanKindName[] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const statusCodes: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];
const temporalities: readonly TemporalityName[] = ['UNSPECIFIED', 'DELTA', 'CUMULATIVE'];

/** enumName names an enum number, refusing numbers the spec does not define so that a bad encoding shows. */
function enumName<Name extends string>(names: readonly Name[], number: number | undefined, what: string): Name {
  const name = names[number ?? 0];
  if (name === undefined) throw new MalformedExport(`unknown ${what} ${number}`);
  return name;
}

/** normaliseSpans flattens a trace export into one ReceivedSpan per span. */
function normaliseSpans(request: WireTraceRequest, wireProtocol: WireProtocol): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap(({ resource, scopeSpans }) =>
    (scopeSpans ?? []).flatMap(({ scope, spans }) =>
      (spans ?? []).map(
        (span): ReceivedSpan => ({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          traceState: span.traceState ?? '',
          flags: span.flags ?? 0,
          name: span.name ?? '',
          kind: enumName(spanKinds, span.kind, 'span kind'),
          startTimeUnixNano: nanos(span.startTimeUnixNano),
          endTimeUnixNano: nanos(span.endTimeUnixNano),
          attributes: unwrapAttributes(span.attributes),
          events: (span.events ?? []).map((event) => ({
            name: event.name ?? '',
            timeUnixNano: nanos(event.timeUnixNano),
            attributes: unwrapAttributes(event.attributes),
          })),
          links: (span.links ?? []).map((link) => ({
            traceId: hex(link.traceId),
            spanId: hex(link.spanId),
            traceState: link.traceState ?? '',
            flags: link.flags ?? 0,
            attributes: unwrapAttributes(link.attributes),
          })),
          status: { code: enumName(statusCodes, span.status?.code, 'status code'), message: span.status?.message ?? '' },
          resource: unwrapAttributes(resource?.attributes),
          scope: scope?.name ?? '',
          scopeVersion: scope?.version ?? '',
          wireProtocol,
        }),
      ),
    ),
  );
}

/** normaliseLogs flattens a logs export into one ReceivedLogRecord per record. */
function normaliseLogs(request: WireLogsRequest, wireProtocol: WireProtocol): ReceivedLogRecord[] {
  return (request.resourceLogs ?? []).flatMap(({ resource, scopeLogs }) =>
    (scopeLogs ?? []).flatMap(({ scope, logRecords }) =>
      (logRecords ?? []).map(
        (record): ReceivedLogRecord => ({
          traceId: hex(record.traceId),
          spanId: hex(record.spanId),
          flags: record.flags ?? 0,
          timeUnixNano: nanos(record.timeUnixNano),
          observedTimeUnixNano: nanos(record.observedTimeUnixNano),
          severityNumber: record.severityNumber ?? 0,
          severityText: record.severityText ?? '',
          body: unwrapValue(record.body),
          eventName: record.eventName ?? '',
          attributes: unwrapAttributes(record.attributes),
          resource: unwrapAttributes(resource?.attributes),
          scope: scope?.name ?? '',
          wireProtocol,
        }),
      ),
    ),
  );
}

/** numberDataPoint normalises a sum or gauge data point, whichever of the int and double values it carries. */
function numberDataPoint(point: WireNumberDataPoint): ReceivedDataPoint {
  return {
    attributes: unwrapAttributes(point.attributes),
    startTimeUnixNano: nanos(point.startTimeUnixNano),
    timeUnixNano: nanos(point.timeUnixNano),
    value: point.asInt !== undefined ? Number(point.asInt) : point.asDouble,
  };
}

/** histogramDataPoint normalises a histogram data point; its counts are fixed64 and become numbers. */
function histogramDataPoint(point: WireHistogramDataPoint): ReceivedDataPoint {
  return {
    attributes: unwrapAttributes(point.attributes),
    startTimeUnixNano: nanos(point.startTimeUnixNano),
    timeUnixNano: nanos(point.timeUnixNano),
    count: count(point.count),
    sum: point.sum,
    min: point.min,
    max: point.max,
    bucketCounts: (point.bucketCounts ?? []).map(count),
    explicitBounds: point.explicitBounds ?? [],
  };
}

/** metricData picks the one data field a metric carries. */
function metricData(metric: WireMetric): Pick<ReceivedMetric, 'kind' | 'temporality' | 'isMonotonic' | 'dataPoints'> {
  const temporality = (number: number | undefined): TemporalityName => enumName(temporalities, number, 'aggregation temporality');
  if (metric.sum !== undefined) {
    const { sum } = metric;
    return { kind: 'sum', temporality: temporality(sum.aggregationTemporality), isMonotonic: sum.isMonotonic ?? false, dataPoints: (sum.dataPoints ?? []).map(numberDataPoint) };
  }
  if (metric.gauge !== undefined) {
    return { kind: 'gauge', temporality: 'UNSPECIFIED', isMonotonic: false, dataPoints: (metric.gauge.dataPoints ?? []).map(numberDataPoint) };
  }
  if (metric.histogram !== undefined) {
    const { histogram } = metric;
    return { kind: 'histogram', temporality: temporality(histogram.aggregationTemporality), isMonotonic: false, dataPoints: (histogram.dataPoints ?? []).map(histogramDataPoint) };
  }
  // Exponential histograms and summaries keep only count, sum, min and max here: their buckets
  // and quantiles have shapes of their own that no test has needed yet.
  if (metric.exponentialHistogram !== undefined) {
    const { exponentialHistogram } = metric;
    const dataPoints = (exponentialHistogram.dataPoints ?? []).map((point) => ({ ...histogramDataPoint(point), bucketCounts: undefined, explicitBounds: undefined }));
    return { kind: 'exponentialHistogram', temporality: temporality(exponentialHistogram.aggregationTemporality), isMonotonic: false, dataPoints };
  }
  if (metric.summary !== undefined) {
    const dataPoints = (metric.summary.dataPoints ?? []).map((point) => ({ ...histogramDataPoint(point), bucketCounts: undefined, explicitBounds: undefined }));
    return { kind: 'summary', temporality: 'UNSPECIFIED', isMonotonic: false, dataPoints };
  }
  throw new MalformedExport(`metric ${JSON.stringify(metric.name)} carries no data`);
}

/** normaliseMetrics flattens a metrics export into one ReceivedMetric per metric. */
function normaliseMetrics(request: WireMetricsRequest, wireProtocol: WireProtocol): ReceivedMetric[] {
  return (request.resourceMetrics ?? []).flatMap(({ resource, scopeMetrics }) =>
    (scopeMetrics ?? []).flatMap(({ scope, metrics }) =>
      (metrics ?? []).map(
        (metric): ReceivedMetric => ({
          name: metric.name ?? '',
          description: metric.description ?? '',
          unit: metric.unit ?? '',
          ...metricData(metric),
          resource: unwrapAttributes(resource?.attributes),
          scope: scope?.name ?? '',
          wireProtocol,
        }),
      ),
    ),
  );
}

/**
 * grpcStatusFor maps an HTTP status to the gRPC code a collector would answer, after
 * github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md.
 */
function grpcStatusFor(httpStatus: number): GrpcStatus {
  switch (httpStatus) {
    case 400:
      return GrpcStatus.INVALID_ARGUMENT;
    case 401:
      return GrpcStatus.UNAUTHENTICATED;
    case 403:
      return GrpcStatus.PERMISSION_DENIED;
    case 404:
      return GrpcStatus.UNIMPLEMENTED;
    case 429:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case 502:
    case 503:
    case 504:
      return GrpcStatus.UNAVAILABLE;
    default:
      return GrpcStatus.UNKNOWN;
  }
}

/** readBody collects a request's body as it came off the wire, still compressed if it was. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** ReceiverState is the receiver: its servers, what it has received, and how it answers. */
class ReceiverState implements OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly logs: ReceivedLogRecord[] = [];
  readonly metrics: ReceivedMetric[] = [];
  readonly rawBodies: Buffer[] = [];
  readonly requests: ReceivedRequest[] = [];
  readonly errors: string[] = [];
  httpUrl = '';
  grpcUrl: string | undefined;
  private failure: { status: number; retryAfterSeconds?: number } | undefined;
  private readonly httpServer: HttpServer;
  private grpcServer: GrpcServer | undefined;
  private closing: Promise<void> | undefined;

  constructor() {
    this.httpServer = createServer((request, response) => {
      this.answerHttp(request, response).catch((error: unknown) => {
        this.errors.push(`${request.url}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end();
      });
    });
  }

  /** listen starts the HTTP server, and the gRPC server when asked, on free ports. */
  async listen(options: OtlpReceiverOptions): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(0, '127.0.0.1', () => resolve());
    });
    this.httpUrl = `http://127.0.0.1:${(this.httpServer.address() as AddressInfo).port}`;
    if (options.grpc === true) await this.listenGrpc();
  }

  /** listenGrpc serves the three collector services; protobufjs encodes the responses and answerGrpc decodes the requests. */
  private async listenGrpc(): Promise<void> {
    const server = new GrpcServer();
    for (const signal of Object.keys(schemas) as Signal[]) {
      const { grpcPath, response } = schemas[signal];
      // The request deserializer keeps the bytes as they are so that rawBodies gets exactly what
      // arrived and a decode failure answers INVALID_ARGUMENT from the handler, rather than the
      // INTERNAL that grpc-js answers when a deserializer throws.
      const definition: ServiceDefinition = {
        Export: {
          path: grpcPath,
          requestStream: false,
          responseStream: false,
          requestSerialize: (message: Buffer) => message,
          requestDeserialize: (bytes: Buffer) => Buffer.from(bytes),
          responseSerialize: (message: Record<string, never>) => Buffer.from(response.encode(response.fromObject(message)).finish()),
          responseDeserialize: (bytes: Buffer) => response.toObject(response.decode(bytes)),
        },
      };
      server.addService(definition, {
        Export: (call: ServerUnaryCall<Buffer, Record<string, never>>, callback: sendUnaryData<Record<string, never>>) =>
          this.answerGrpc(signal, call.request, String(call.metadata.get('authorization')[0] ?? '') || undefined, callback),
      });
    }
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) => (error === null ? resolve(boundPort) : reject(error)));
    });
    this.grpcServer = server;
    this.grpcUrl = `http://127.0.0.1:${port}`;
  }

  /** answerHttp answers one OTLP/HTTP request as a collector would, keeping what it decodes. */
  private async answerHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const signal = signalByHttpPath.get(path);
    if (signal === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`no OTLP endpoint at ${path}`);
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('OTLP exports are POSTs');
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    const contentEncoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const authorization = request.headers.authorization;
    const wireBody = await readBody(request);
    const reject = (status: number, reason: string, body: Buffer): void => {
      this.errors.push(`${path}: ${reason}`);
      this.record({ path, contentType, protocol: 'http', contentEncoding, accepted: false, authorization }, body);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
    };

    let body: Buffer;
    if (contentEncoding === 'gzip') {
      try {
        body = await gunzipAsync(wireBody);
      } catch (error) {
        reject(400, `gzip body does not decompress: ${(error as Error).message}`, wireBody);
        return;
      }
    } else if (contentEncoding === 'identity') {
      body = wireBody;
    } else {
      reject(415, `unsupported content-encoding ${contentEncoding}`, wireBody);
      return;
    }

    if (this.failure !== undefined) {
      this.record({ path, contentType, protocol: 'http', contentEncoding, accepted: false, authorization }, body);
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (this.failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(this.failure.retryAfterSeconds);
      response.writeHead(this.failure.status, headers).end(`the OTLP receiver was told to fail with ${this.failure.status}`);
      return;
    }

    // Media type parameters (charset) do not change the encoding.
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
    let wireProtocol: WireProtocol;
    if (mediaType === 'application/x-protobuf') wireProtocol = 'http/protobuf';
    else if (mediaType === 'application/json') wireProtocol = 'http/json';
    else {
      reject(415, `unsupported content-type ${JSON.stringify(contentType)}`, body);
      return;
    }

    try {
      this.keep(signal, wireProtocol === 'http/json' ? decodeJson(signal, body) : decodeProtobuf(signal, body), wireProtocol);
    } catch (error) {
      reject(400, `malformed ${wireProtocol} ${signal} export: ${(error as Error).message}`, body);
      return;
    }
    this.record({ path, contentType, protocol: 'http', contentEncoding, accepted: true, authorization }, body);
    // The spec asks for the response in the request's encoding; an empty response is success with no partial rejection.
    const { response: responseType } = schemas[signal];
    const answer = wireProtocol === 'http/json' ? Buffer.from('{}') : Buffer.from(responseType.encode(responseType.create()).finish());
    response.writeHead(200, { 'content-type': mediaType, 'content-length': answer.length }).end(answer);
  }

  /** answerGrpc answers one OTLP/gRPC Export call as a collector would, keeping what it decodes. */
  private answerGrpc(signal: Signal, body: Buffer, authorization: string | undefined, callback: sendUnaryData<Record<string, never>>): void {
    const path = schemas[signal].grpcPath;
    // grpc-js removes content-type from the call's metadata, and gRPC has only the one.
    const request = { path, contentType: 'application/grpc', protocol: 'grpc' as const, contentEncoding: undefined, authorization };
    if (this.failure !== undefined) {
      this.record({ ...request, accepted: false }, body);
      const error: ServerErrorResponse = Object.assign(new Error('OTLP receiver failing on purpose'), {
        code: grpcStatusFor(this.failure.status),
        details: `the OTLP receiver was told to fail with ${this.failure.status}`,
      });
      callback(error);
      return;
    }
    try {
      this.keep(signal, decodeProtobuf(signal, body), 'grpc');
    } catch (error) {
      const reason = `malformed grpc ${signal} export: ${(error as Error).message}`;
      this.errors.push(`${path}: ${reason}`);
      this.record({ ...request, accepted: false }, body);
      callback(Object.assign(new Error(reason), { code: GrpcStatus.INVALID_ARGUMENT, details: reason }));
      return;
    }
    this.record({ ...request, accepted: true }, body);
    callback(null, {});
  }

  /** keep normalises a whole request before storing any of it, so a malformed request adds nothing. */
  private keep(signal: Signal, request: WireRequest, wireProtocol: WireProtocol): void {
    if (signal === 'traces') this.spans.push(...normaliseSpans(request, wireProtocol));
    else if (signal === 'logs') this.logs.push(...normaliseLogs(request, wireProtocol));
    else this.metrics.push(...normaliseMetrics(request, wireProtocol));
  }

  /** record notes a request and its body together, so that `requests` and `rawBodies` stay index-aligned. */
  private record(request: ReceivedRequest, body: Buffer): void {
    this.requests.push(request);
    this.rawBodies.push(body);
  }

  async waitFor(predicate: (receiver: OtlpReceiver) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) {
        throw new Error(`OTLP receiver: timed out after ${timeoutMs} ms waiting for ${predicate.toString()}\n${this.summary()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** summary describes what has been received, for the message of a waitFor timeout. */
  private summary(): string {
    const names = (items: { name: string }[]): string => JSON.stringify(items.map((item) => item.name));
    const lines = [
      `requests (${this.requests.length}): ${JSON.stringify(this.requests)}`,
      `spans (${this.spans.length}): ${names(this.spans)}`,
      `logs (${this.logs.length}): ${JSON.stringify(this.logs.map((log) => log.eventName || String(log.body)))}`,
      `metrics (${this.metrics.length}): ${names(this.metrics)}`,
    ];
    if (this.errors.length > 0) lines.push(`errors: ${JSON.stringify(this.errors)}`);
    return lines.join('\n');
  }

  failWith(status: number | undefined, options: FailOptions = {}): void {
    this.failure = status === undefined ? undefined : { status, retryAfterSeconds: options.retryAfterSeconds };
  }

  clear(): void {
    for (const list of [this.spans, this.logs, this.metrics, this.rawBodies, this.requests, this.errors]) list.length = 0;
  }

  close(): Promise<void> {
    this.closing ??= Promise.all([this.closeHttp(), this.closeGrpc()]).then(() => undefined);
    return this.closing;
  }

  private closeHttp(): Promise<void> {
    return new Promise((resolve) => {
      this.httpServer.close(() => resolve());
      // Exporters keep connections alive; close() alone would wait for them to time out.
      this.httpServer.closeAllConnections();
    });
  }

  private closeGrpc(): Promise<void> {
    const server = this.grpcServer;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      // A graceful shutdown waits for calls in flight; one that is stuck must not hold the test process open.
      const force = setTimeout(() => server.forceShutdown(), 1000);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}

/**
 * startOtlpReceiver starts an OTLP receiver on 127.0.0.1: OTLP/HTTP always, OTLP/gRPC when
 * `options.grpc` is set, both on free ports. Close it when done.
 */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const receiver = new ReceiverState();
  try {
    await receiver.listen(options);
  } catch (error) {
    await receiver.close();
    throw error;
  }
  return receiver;
}
