// The test OTLP receiver decodes what the real OpenTelemetry SDK exporters send, over each wire
// format the gateway can be configured with: spans, log records and metrics come back with the
// values, ids and kinds they were created with. Acceptance tests rely on this to assert on the
// gateway's telemetry, so the receiver is itself proven against the SDK here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { context, SpanKind, SpanStatusCode, trace, ValueType, type Span } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan, type WireProtocol } from './support/otlp/otlp-receiver.ts';

/**
 * gzip is the exporters' CompressionAlgorithm.GZIP. The enum lives in @opentelemetry/otlp-exporter-base,
 * which the project does not depend on directly, so its type is reached through an exporter's options.
 */
type Compression = NonNullable<NonNullable<ConstructorParameters<typeof ProtoTraceExporter>[0]>['compression']>;
const gzip = 'gzip' as Compression;

let receiver: OtlpReceiver;

before(async () => {
  receiver = await startOtlpReceiver({ grpc: true });
});

after(async () => {
  await receiver.close();
});

/** WireFormat builds the SDK exporters of one wire format, pointed at the receiver. */
interface WireFormat {
  readonly name: string;
  readonly protocol: WireProtocol;
  traces(): SpanExporter;
  logs(): LogRecordExporter;
  metrics(): PushMetricExporter;
}

/** ExporterConfig is what every exporter here is given: where to send, and whether to compress. */
interface ExporterConfig {
  readonly url: string | undefined;
  readonly compression?: Compression;
}

/** exporterClasses builds each protocol's SDK exporters from an ExporterConfig. */
const exporterClasses: Readonly<Record<WireProtocol, { traces(config: ExporterConfig): SpanExporter; logs(config: ExporterConfig): LogRecordExporter; metrics(config: ExporterConfig): PushMetricExporter }>> = {
  'http/protobuf': { traces: (config) => new ProtoTraceExporter(config), logs: (config) => new ProtoLogExporter(config), metrics: (config) => new ProtoMetricExporter(config) },
  'http/json': { traces: (config) => new JsonTraceExporter(config), logs: (config) => new JsonLogExporter(config), metrics: (config) => new JsonMetricExporter(config) },
  grpc: { traces: (config) => new GrpcTraceExporter(config), logs: (config) => new GrpcLogExporter(config), metrics: (config) => new GrpcMetricExporter(config) },
};

/** exporterConfig points one signal's exporter at the receiver: gRPC has one URL, OTLP/HTTP a path per signal. */
function exporterConfig(protocol: WireProtocol, signal: 'traces' | 'logs' | 'metrics', compression: Compression | undefined): ExporterConfig {
  const url = protocol === 'grpc' ? receiver.grpcUrl : `${receiver.httpUrl}/v1/${signal}`;
  return compression === undefined ? { url } : { url, compression };
}

/** wireFormats are each protocol, plain and gzipped. */
const wireFormats: WireFormat[] = (['http/protobuf', 'http/json', 'grpc'] as const).flatMap((protocol) =>
  [undefined, gzip].map((compression) => ({
    name: compression === undefined ? protocol : `${protocol} with gzip`,
    protocol,
    traces: () => exporterClasses[protocol].traces(exporterConfig(protocol, 'traces', compression)),
    logs: () => exporterClasses[protocol].logs(exporterConfig(protocol, 'logs', compression)),
    metrics: () => exporterClasses[protocol].metrics(exporterConfig(protocol, 'metrics', compression)),
  })),
);

/** serviceNameFor gives each test its own service.name, so that tests sharing the receiver only see their own records. */
const serviceNameFor = (signal: string, format: WireFormat): string => `otlp-receiver-test ${signal} ${format.name}`;

const withServiceName = <Record extends { resource: { [key: string]: unknown } }>(records: Record[], serviceName: string): Record[] =>
  records.filter((record) => record.resource['service.name'] === serviceName);

/** exportDirectly exports `items` with `exporter` as a processor would, and answers the exporter's result. */
function exportDirectly<Item>(exporter: { export(items: Item[], done: (result: ExportResult) => void): void }, items: Item[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(items, resolve));
}

for (const format of wireFormats) {
  test(`spans exported over ${format.name} decode with their names, kinds, ids, attributes and status`, { timeout: 10_000 }, async () => {
    const serviceName = serviceNameFor('traces', format);
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName, 'deployment.environment.name': 'test' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: format.traces() })],
    });
    try {
      const tracer = provider.getTracer('portcullis-test', '1.2.3');
      const server = tracer.startSpan('POST /mcp', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST' } });
      const client = tracer.startSpan(
        'tools/call echo',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'portcullis.tool': 'echo',
            'portcullis.attempt': 3,
            'portcullis.big': 2 ** 40,
            'portcullis.ratio': 0.25,
            'portcullis.cached': false,
            'portcullis.groups': ['testers', 'admins'],
            'portcullis.codes': [200, 503],
          },
        },
        trace.setSpan(context.active(), server),
      );
      client.addEvent('retry', { 'portcullis.attempt': 2 });
      client.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream refused the call' });
      client.end();
      server.setStatus({ code: SpanStatusCode.OK });
      server.end();
      await provider.forceFlush();

      await receiver.waitFor((r) => withServiceName(r.spans, serviceName).length === 2);
      const spans = withServiceName(receiver.spans, serviceName);
      const serverSpan = spans.find((span) => span.name === 'POST /mcp');
      const clientSpan = spans.find((span) => span.name === 'tools/call echo');
      assert.ok(serverSpan && clientSpan, `both spans arrive: ${spans.map((span) => span.name).join(', ')}`);

      assert.equal(serverSpan.kind, 'SERVER');
      assert.equal(clientSpan.kind, 'CLIENT');
      assert.equal(serverSpan.traceId, server.spanContext().traceId);
      assert.equal(serverSpan.spanId, server.spanContext().spanId);
      assert.match(serverSpan.traceId, /^[0-9a-f]{32}$/);
      assert.match(serverSpan.spanId, /^[0-9a-f]{16}$/);
      assert.equal(serverSpan.parentSpanId, '');
      assert.equal(clientSpan.traceId, serverSpan.traceId);
      assert.equal(clientSpan.parentSpanId, serverSpan.spanId);
      assert.equal(clientSpan.spanId, client.spanContext().spanId);

      assert.deepEqual(clientSpan.attributes, {
        'portcullis.tool': 'echo',
        'portcullis.attempt': 3,
        'portcullis.big': 2 ** 40,
        'portcullis.ratio': 0.25,
        'portcullis.cached': false,
        'portcullis.groups': ['testers', 'admins'],
        'portcullis.codes': [200, 503],
      });
      assert.deepEqual(clientSpan.status, { code: 'ERROR', message: 'upstream refused the call' });
      assert.deepEqual(serverSpan.status, { code: 'OK', message: '' });
      assert.deepEqual(
        clientSpan.events.map((event) => ({ name: event.name, attributes: event.attributes })),
        [{ name: 'retry', attributes: { 'portcullis.attempt': 2 } }],
      );

      assert.equal(serverSpan.resource['service.name'], serviceName);
      assert.equal(serverSpan.resource['deployment.environment.name'], 'test');
      assert.equal(serverSpan.scope, 'portcullis-test');
      assert.equal(serverSpan.scopeVersion, '1.2.3');
      assert.equal(serverSpan.wireProtocol, format.protocol);

      // The times are nanoseconds since the epoch: within a minute of now, and ordered.
      const nowNanos = BigInt(Date.now()) * 1_000_000n;
      assert.ok(nowNanos - clientSpan.startTimeUnixNano < 60_000_000_000n, `start time ${clientSpan.startTimeUnixNano} is recent`);
      assert.ok(clientSpan.startTimeUnixNano >= serverSpan.startTimeUnixNano);
      assert.ok(clientSpan.endTimeUnixNano >= clientSpan.startTimeUnixNano);
      // The SDK sets the sampled trace flag and says whether the parent is remote (bit 8: known, bit 9: remote).
      assert.equal(serverSpan.flags & 0xff, 0x01);
      assert.equal(serverSpan.flags & 0x100, 0x100);
      assert.equal(clientSpan.flags & 0x200, 0, 'the child span has a local parent');
    } finally {
      await provider.shutdown();
    }
  });

  test(`a log record exported over ${format.name} decodes with its body, severity, attributes and span context`, { timeout: 10_000 }, async () => {
    const serviceName = serviceNameFor('logs', format);
    const resource = resourceFromAttributes({ 'service.name': serviceName });
    const tracerProvider = new TracerProvider({ resource });
    const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: format.logs() })] });
    try {
      const span: Span = tracerProvider.getTracer('portcullis-test').startSpan('tools/call echo', { kind: SpanKind.SERVER });
      // No context manager is registered in this test process, so the active span context is passed
      // to emit explicitly; with one registered, context.active() would carry it the same way.
      loggerProvider.getLogger('portcullis-audit', '0.1.0').emit({
        context: trace.setSpan(context.active(), span),
        eventName: 'portcullis.guardrail.blocked',
        severityNumber: SeverityNumber.WARN,
        severityText: 'WARN',
        body: { message: 'a guardrail blocked a tool call', rule: { id: 'no-secrets', hits: 2 } },
        attributes: {
          'portcullis.tool': 'echo',
          'portcullis.score': 0.75,
          'portcullis.blocked': true,
          'portcullis.categories': ['secret', 'pii'],
          'portcullis.digest': new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
        },
      });
      span.end();
      await loggerProvider.forceFlush();

      await receiver.waitFor((r) => withServiceName(r.logs, serviceName).length === 1);
      const [log] = withServiceName(receiver.logs, serviceName);
      assert.ok(log);
      assert.equal(log.traceId, span.spanContext().traceId);
      assert.equal(log.spanId, span.spanContext().spanId);
      assert.equal(log.flags & 0xff, 0x01, 'the record carries the span context trace flags');
      assert.equal(log.eventName, 'portcullis.guardrail.blocked');
      assert.equal(log.severityNumber, SeverityNumber.WARN);
      assert.equal(log.severityText, 'WARN');
      assert.deepEqual(log.body, { message: 'a guardrail blocked a tool call', rule: { id: 'no-secrets', hits: 2 } });
      assert.deepEqual(log.attributes, {
        'portcullis.tool': 'echo',
        'portcullis.score': 0.75,
        'portcullis.blocked': true,
        'portcullis.categories': ['secret', 'pii'],
        'portcullis.digest': Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      });
      assert.equal(log.resource['service.name'], serviceName);
      assert.equal(log.scope, 'portcullis-audit');
      assert.equal(log.wireProtocol, format.protocol);
      assert.ok(log.timeUnixNano > 0n && log.observedTimeUnixNano >= log.timeUnixNano);
    } finally {
      await loggerProvider.shutdown();
      await tracerProvider.shutdown();
    }
  });

  test(`metrics exported over ${format.name} decode as sums, gauges and histograms with their data points`, { timeout: 10_000 }, async () => {
    const serviceName = serviceNameFor('metrics', format);
    // The reader's interval is longer than any test: the export under test is the one forceFlush makes.
    const reader = new PeriodicExportingMetricReader({ exporter: format.metrics(), exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': serviceName }), readers: [reader] });
    try {
      const meter = provider.getMeter('portcullis-test');
      const calls = meter.createCounter('portcullis.calls', { unit: '{call}', description: 'Tool calls relayed', valueType: ValueType.INT });
      calls.add(2, { 'portcullis.tool': 'echo' });
      calls.add(3, { 'portcullis.tool': 'echo' });
      calls.add(1, { 'portcullis.tool': 'add' });
      const bytes = meter.createCounter('portcullis.bytes', { unit: 'By' });
      bytes.add(1.5);
      const inFlight = meter.createGauge('portcullis.in_flight');
      inFlight.record(4, { 'portcullis.server': 'everything' });
      const latency = meter.createHistogram('portcullis.latency', { unit: 'ms' });
      latency.record(10, { 'portcullis.server': 'everything' });
      latency.record(30, { 'portcullis.server': 'everything' });
      await provider.forceFlush();

      await receiver.waitFor((r) => withServiceName(r.metrics, serviceName).length >= 4);
      const metrics = withServiceName(receiver.metrics, serviceName);
      const metric = (name: string) => {
        const found = metrics.find((candidate) => candidate.name === name);
        assert.ok(found, `metric ${name} arrives among ${metrics.map((candidate) => candidate.name).join(', ')}`);
        return found;
      };

      const callsMetric = metric('portcullis.calls');
      assert.equal(callsMetric.kind, 'sum');
      assert.equal(callsMetric.unit, '{call}');
      assert.equal(callsMetric.description, 'Tool calls relayed');
      assert.equal(callsMetric.isMonotonic, true);
      assert.equal(callsMetric.temporality, 'CUMULATIVE');
      assert.deepEqual(
        callsMetric.dataPoints.map((point) => [point.attributes['portcullis.tool'], point.value]).sort(),
        [
          ['add', 1],
          ['echo', 5],
        ],
      );
      assert.deepEqual(metric('portcullis.bytes').dataPoints.map((point) => point.value), [1.5]);

      const inFlightMetric = metric('portcullis.in_flight');
      assert.equal(inFlightMetric.kind, 'gauge');
      assert.deepEqual(inFlightMetric.dataPoints.map((point) => [point.attributes, point.value]), [[{ 'portcullis.server': 'everything' }, 4]]);

      const latencyMetric = metric('portcullis.latency');
      assert.equal(latencyMetric.kind, 'histogram');
      assert.equal(latencyMetric.unit, 'ms');
      const [point] = latencyMetric.dataPoints;
      assert.ok(point);
      assert.deepEqual(point.attributes, { 'portcullis.server': 'everything' });
      assert.equal(point.count, 2);
      assert.equal(point.sum, 40);
      assert.equal(point.min, 10);
      assert.equal(point.max, 30);
      assert.ok(point.explicitBounds && point.bucketCounts, 'explicit bucket histogram');
      assert.equal(point.bucketCounts.length, point.explicitBounds.length + 1);
      assert.equal(point.bucketCounts.reduce((total, bucket) => total + bucket, 0), 2);
      assert.ok(point.timeUnixNano >= point.startTimeUnixNano && point.startTimeUnixNano > 0n);
      assert.equal(latencyMetric.resource['service.name'], serviceName);
      assert.equal(latencyMetric.scope, 'portcullis-test');
      assert.equal(latencyMetric.wireProtocol, format.protocol);
    } finally {
      await provider.shutdown();
    }
  });
}

/** finishedSpans makes one ended span per name, for exporting directly rather than through a processor. */
async function finishedSpans(serviceName: string, attributes: Record<string, string> = {}): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  provider.getTracer('portcullis-test').startSpan('tools/call echo', { attributes }).end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

test('failWith makes exports fail over HTTP and gRPC, keeps no records, and can be undone', { timeout: 10_000 }, async () => {
  const serviceName = 'otlp-receiver-test failWith';
  const spans = await finishedSpans(serviceName);
  const accepted = (): ReceivedSpan[] => withServiceName(receiver.spans, serviceName);
  const protoExporter = new ProtoTraceExporter({ url: `${receiver.httpUrl}/v1/traces` });
  const jsonExporter = new JsonTraceExporter({ url: `${receiver.httpUrl}/v1/traces` });
  const grpcExporter = new GrpcTraceExporter({ url: receiver.grpcUrl });
  try {
    receiver.failWith(400);
    assert.equal((await exportDirectly(protoExporter, spans)).code, ExportResultCode.FAILED, '400 fails an http/protobuf export');

    // 503 is retryable: without the Retry-After the exporter would back off and retry until its timeout.
    receiver.failWith(503, { retryAfterSeconds: 3600 });
    const requestsBefore = receiver.requests.length;
    const started = Date.now();
    assert.equal((await exportDirectly(jsonExporter, spans)).code, ExportResultCode.FAILED, '503 fails an http/json export');
    assert.ok(Date.now() - started < 2000, 'a Retry-After beyond the timeout ends the export at once');
    assert.equal(receiver.requests.length, requestsBefore + 1, 'the exporter did not retry');
    assert.deepEqual(receiver.requests.at(-1), { path: '/v1/traces', contentType: 'application/json', protocol: 'http', contentEncoding: 'identity', accepted: false, authorization: undefined });

    const grpcResult = await exportDirectly(grpcExporter, spans);
    assert.equal(grpcResult.code, ExportResultCode.FAILED, '503 fails a gRPC export as UNAVAILABLE');
    assert.match(String(grpcResult.error), /UNAVAILABLE|14/);
    assert.deepEqual(accepted(), [], 'a failing receiver keeps nothing');

    receiver.failWith(undefined);
    assert.equal((await exportDirectly(protoExporter, spans)).code, ExportResultCode.SUCCESS);
    assert.equal((await exportDirectly(grpcExporter, spans)).code, ExportResultCode.SUCCESS);
    assert.equal(accepted().length, 2);
  } finally {
    receiver.failWith(undefined);
    await Promise.all([protoExporter.shutdown(), jsonExporter.shutdown(), grpcExporter.shutdown()]);
  }
});

test('rawBodies holds the exported bytes of every wire format, so a test can look for a leaked value', { timeout: 10_000 }, async () => {
  const canary = 'sk-live-canary-3f9a7c51';
  const spans = await finishedSpans('otlp-receiver-test rawBodies', { 'portcullis.header': canary });
  const exporters = [
    new ProtoTraceExporter({ url: `${receiver.httpUrl}/v1/traces`, compression: gzip }),
    new JsonTraceExporter({ url: `${receiver.httpUrl}/v1/traces`, compression: gzip }),
    new GrpcTraceExporter({ url: receiver.grpcUrl, compression: gzip }),
  ];
  try {
    const firstRequest = receiver.requests.length;
    for (const exporter of exporters) assert.equal((await exportDirectly(exporter, spans)).code, ExportResultCode.SUCCESS);
    const carrying = receiver.rawBodies
      .map((body, index) => ({ body, request: receiver.requests[index] }))
      .slice(firstRequest)
      .filter(({ body }) => body.includes(Buffer.from(canary)));
    assert.deepEqual(
      carrying.map(({ request }) => [request?.contentType, request?.contentEncoding]),
      [
        ['application/x-protobuf', 'gzip'],
        ['application/json', 'gzip'],
        ['application/grpc', undefined],
      ],
      'each gzipped body is kept decompressed, with the attribute value in it',
    );
  } finally {
    await Promise.all(exporters.map((exporter) => exporter.shutdown()));
  }
});

test('malformed or unsupported requests are refused and reported in errors', { timeout: 10_000 }, async () => {
  const errorsBefore = receiver.errors.length;
  const post = (path: string, contentType: string, body: string | Uint8Array) =>
    fetch(`${receiver.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  assert.equal((await post('/v1/traces', 'application/json', '{"resourceSpans": [')).status, 400);
  const base64Ids = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'AAECAwQFBgcICQoLDA0ODw==', name: 'x' }] }] }] };
  assert.equal((await post('/v1/traces', 'application/json', JSON.stringify(base64Ids))).status, 400, 'ids must be hex in OTLP/JSON');
  assert.equal((await post('/v1/logs', 'application/x-protobuf', new Uint8Array([0x0a, 0xff]))).status, 400, 'truncated protobuf');
  assert.equal((await post('/v1/metrics', 'text/plain', 'hello')).status, 415);
  assert.equal((await post('/v1/nothing', 'application/json', '{}')).status, 404);
  assert.equal((await fetch(`${receiver.httpUrl}/v1/traces`)).status, 405);

  const errors = receiver.errors.slice(errorsBefore);
  assert.equal(errors.length, 4, errors.join('\n'));
  assert.match(errors[1] ?? '', /traceId is not hex/);

  const empty = await post('/v1/traces', 'application/json; charset=utf-8', '{}');
  assert.equal(empty.status, 200, 'an empty export is valid');
  assert.equal(empty.headers.get('content-type'), 'application/json');
  assert.equal(await empty.text(), '{}');
});

test('waitFor rejects with what was received when the predicate never holds', { timeout: 10_000 }, async () => {
  await assert.rejects(
    receiver.waitFor((r) => r.spans.some((span) => span.name === 'never sent'), 50),
    (error: Error) => /timed out after 50 ms waiting for .*never sent/.test(error.message) && /spans \(\d+\)/.test(error.message),
  );
});
