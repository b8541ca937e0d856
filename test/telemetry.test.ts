// Telemetry end to end: a real SDK client calls through the gateway to real SDK upstreams (one
// over HTTP, one over stdio), and a real OTLP receiver decodes what the gateway exports (protobuf
// here; JSON and gRPC in telemetry-delivery.test.ts). Spans, audit log records and metrics are
// checked by their decoded names, kinds, attributes and ids, never by matching strings. The last
// test searches everything exported by all the others, so it stays last.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { canonicalJson } from '../gateway/runtime/config-version.ts';
import { startGateway, startHttpUpstream, stdioServerYaml, type RunningGateway, type RunningUpstream } from './support/gateway-harness.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedLogRecord, type ReceivedSpan } from './support/otlp/otlp-receiver.ts';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A fresh fake GitHub token in the documented shape for every run, so no fixed string can make a test pass. */
const fakeGithubToken = 'ghp_' + Array.from({ length: 36 }, () => alphabet[randomInt(alphabet.length)]).join('');
/** The API key the client authenticates with, and the upstream's credential: neither may ever be exported. */
const apiKey = randomBytes(24).toString('base64url');
const upstreamToken = `upstream-${randomBytes(16).toString('hex')}`;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const root = (endpoint: string): string => `version: 1
auth:
  apiKeys:
    - id: ci
      hash: env:TEST_API_KEY_DIGEST
      principal: ci-bot
      groups: [builders]
groups:
  builders: {}
logging:
  level: warn
  format: json
telemetry:
  serviceName: portcullis-test
  exporter: otlp
  otlp:
    endpoint: ${endpoint}
    protocol: http/protobuf
    timeout: 2s
  resourceAttributes:
    deployment.environment: test
  batch:
    delay: 50ms
  audit:
    sinks: [otel]
`;

const policy = `rules:
  - id: builders-beta
    effect: allow
    subjects:
      groups: [builders]
    servers: [beta]
    tools: [echo, trace_seen, reflect, failing]
    prompts: [greet, fail]
  - id: builders-alpha
    effect: allow
    subjects:
      groups: [builders]
    servers: [alpha]
    tools: [trace_seen]
`;

const guardrails = `guardrails:
  - id: redact-secrets-out
    phase: request
    scope:
      tools: ["*"]
    detector:
      type: secrets
    action: redact
  - id: redact-secrets-back
    phase: response
    detector:
      type: secrets
    action: redact
`;

const betaServer = (url: string): string => `id: beta
prefix: ""
transport:
  type: streamable-http
  url: ${url}
  headers:
    Authorization: "Bearer \${env:TEST_UPSTREAM_TOKEN}"
audit:
  tools:
    - match: reflect
      capture:
        arguments: full
        results: full
    - match: echo
      capture:
        arguments: redacted
`;

let receiver: OtlpReceiver;
let upstream: RunningUpstream;
let running: RunningGateway;
let client: Client;

before(async () => {
  receiver = await startOtlpReceiver();
  upstream = await startHttpUpstream('beta');
  running = await startGateway(
    {
      'portcullis.yaml': root(receiver.httpUrl),
      'servers/beta.yaml': betaServer(upstream.url),
      'servers/alpha.yaml': stdioServerYaml('alpha', 'prefix: a\n'),
      'policies/builders.yaml': policy,
      'guardrails/secrets.yaml': guardrails,
    },
    {
      telemetry: true,
      environment: { TEST_API_KEY_DIGEST: createHash('sha256').update(apiKey).digest('hex'), TEST_UPSTREAM_TOKEN: upstreamToken },
    },
  );
  client = await running.connectClient({ headers: { authorization: `Bearer ${apiKey}` } });
});

after(async () => {
  await running?.stop();
  await upstream?.stop();
  await receiver?.close();
});

function serverSpan(name: string, predicate: (span: ReceivedSpan) => boolean = () => true): ReceivedSpan | undefined {
  return receiver.spans.find((span) => span.kind === 'SERVER' && span.name === name && predicate(span));
}

async function waitForServerSpan(name: string, predicate: (span: ReceivedSpan) => boolean = () => true): Promise<ReceivedSpan> {
  await running.telemetry!.flush();
  await receiver.waitFor(() => serverSpan(name, predicate) !== undefined);
  return serverSpan(name, predicate)!;
}

async function waitForAudit(predicate: (record: ReceivedLogRecord) => boolean): Promise<ReceivedLogRecord> {
  await running.telemetry!.flush();
  await receiver.waitFor(() => receiver.logs.some(predicate));
  return receiver.logs.find(predicate)!;
}

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0]!).text;
}

test('a tool call is a SERVER span with the semantic conventions, a CLIENT child per upstream call, and context the upstream receives in _meta and in its HTTP header', async () => {
  const clientTrace = hex(16);
  const clientSpanId = hex(8);
  const result = await client.callTool({ name: 'trace_seen', arguments: {}, _meta: { traceparent: `00-${clientTrace}-${clientSpanId}-01` } });
  const seen = JSON.parse(textOf(result)) as { meta: { traceparent?: string }; traceparent: string | null };

  const server = await waitForServerSpan('tools/call trace_seen', (span) => span.traceId === clientTrace);
  assert.equal(server.parentSpanId, clientSpanId, 'the client\'s _meta context is the parent');
  assert.equal(server.attributes['mcp.method.name'], 'tools/call');
  assert.equal(server.attributes['gen_ai.tool.name'], 'trace_seen');
  assert.equal(server.attributes['gen_ai.operation.name'], 'execute_tool');
  assert.equal(typeof server.attributes['jsonrpc.request.id'], 'string');
  assert.equal(server.attributes['mcp.protocol.version'], '2025-11-25');
  assert.match(String(server.attributes['mcp.session.id']), /^[A-Za-z0-9_-]{22,}$/);
  assert.equal(server.attributes['network.transport'], 'tcp');
  assert.equal(server.attributes['client.address'], '127.0.0.1');
  assert.equal(server.attributes['error.type'], undefined);
  assert.equal(server.status.code, 'UNSET');
  assert.equal(server.attributes['portcullis.principal.id'], 'ci-bot');
  assert.deepEqual(server.attributes['portcullis.principal.groups'], ['builders']);
  assert.equal(server.attributes['portcullis.principal.auth_method'], 'api-key');
  assert.equal(server.attributes['portcullis.decision'], 'allow');
  assert.equal(server.attributes['portcullis.decision.rule_id'], 'builders-beta');
  assert.equal(server.attributes['portcullis.server.id'], 'beta');
  assert.equal(server.attributes['portcullis.config.version'], running.gateway.runtime.version);
  assert.equal(server.attributes['portcullis.arguments.sha256'], createHash('sha256').update(canonicalJson({})).digest('hex'), 'arguments are hashed by default');
  assert.equal(server.resource['service.name'], 'portcullis-test');
  assert.equal(server.resource['deployment.environment'], 'test');

  const upstreamCall = receiver.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === server.spanId);
  assert.ok(upstreamCall, 'a CLIENT span is a child of the SERVER span');
  assert.equal(upstreamCall.traceId, clientTrace);
  assert.equal(upstreamCall.name, 'tools/call trace_seen');
  assert.equal(upstreamCall.attributes['portcullis.server.id'], 'beta');
  assert.equal(upstreamCall.attributes['server.address'], '127.0.0.1');
  assert.equal(upstreamCall.attributes['server.port'], Number(new URL(upstream.url).port));
  assert.ok(upstreamCall.startTimeUnixNano >= server.startTimeUnixNano && upstreamCall.endTimeUnixNano <= server.endTimeUnixNano);

  const expected = `00-${clientTrace}-${upstreamCall.spanId}-01`;
  assert.equal(seen.meta.traceparent, expected, 'the upstream gets the CLIENT span in params._meta');
  assert.equal(seen.traceparent, expected, 'and in its HTTP traceparent header');
});

test('a wall-clock step while a call is served keeps its CLIENT span inside its SERVER span', async () => {
  // Both spans are timed on the monotonic clock: an NTP step (here a minute forward) moves neither.
  const realNow = Date.now;
  Date.now = () => realNow() + 60_000;
  let result;
  try {
    result = await client.callTool({ name: 'trace_seen', arguments: {} });
  } finally {
    Date.now = realNow;
  }
  const seen = JSON.parse(textOf(result)) as { meta: { traceparent?: string } };
  const spanId = seen.meta.traceparent?.split('-')[2];
  const server = await waitForServerSpan('tools/call trace_seen', (span) => receiver.spans.some((child) => child.spanId === spanId && child.parentSpanId === span.spanId));
  const upstreamCall = receiver.spans.find((span) => span.spanId === spanId)!;
  assert.ok(upstreamCall.startTimeUnixNano >= server.startTimeUnixNano, 'the CLIENT span starts inside its parent');
  assert.ok(upstreamCall.endTimeUnixNano <= server.endTimeUnixNano, 'the CLIENT span ends inside its parent');
});

test('over stdio the trace context travels in _meta, and the CLIENT span says the transport is a pipe', async () => {
  const result = await client.callTool({ name: 'a__trace_seen', arguments: {} });
  const seen = JSON.parse(textOf(result)) as { meta: { traceparent?: string }; traceparent: string | null };
  const server = await waitForServerSpan('tools/call a__trace_seen');
  const upstreamCall = receiver.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === server.spanId)!;
  assert.equal(upstreamCall.name, 'tools/call trace_seen', 'the CLIENT span names the tool as the upstream knows it');
  assert.equal(upstreamCall.attributes['network.transport'], 'pipe');
  assert.equal(seen.meta.traceparent, `00-${server.traceId}-${upstreamCall.spanId}-01`);
  assert.equal(seen.traceparent, null);
});

test('the HTTP traceparent header is the parent when _meta has none, and a different _meta context links it', async () => {
  const headerTrace = hex(16);
  const headerSpan = hex(8);
  const traced = await running.connectClient({ headers: { authorization: `Bearer ${apiKey}`, traceparent: `00-${headerTrace}-${headerSpan}-01` } });
  await traced.callTool({ name: 'echo', arguments: { text: 'from the header' } });
  const fromHeader = await waitForServerSpan('tools/call echo', (span) => span.traceId === headerTrace);
  assert.equal(fromHeader.parentSpanId, headerSpan);

  const metaTrace = hex(16);
  await traced.callTool({ name: 'echo', arguments: { text: 'from meta' }, _meta: { traceparent: `00-${metaTrace}-${hex(8)}-01` } });
  const fromMeta = await waitForServerSpan('tools/call echo', (span) => span.traceId === metaTrace);
  assert.deepEqual(fromMeta.links.map((link) => [link.traceId, link.spanId]), [[headerTrace, headerSpan]]);
});

test('a denied call: an error span with the policy decision, no upstream call, and a deny audit record joined to the span', async () => {
  await assert.rejects(client.callTool({ name: 'a__echo', arguments: { text: 'not granted' } }));
  const server = await waitForServerSpan('tools/call a__echo');
  assert.equal(server.status.code, 'ERROR');
  assert.equal(server.attributes['error.type'], '-32602');
  assert.equal(server.attributes['rpc.response.status_code'], '-32602');
  assert.equal(server.attributes['portcullis.decision'], 'deny');
  assert.equal(server.attributes['portcullis.decision.reason'], 'no-grant');
  assert.equal(receiver.spans.filter((span) => span.parentSpanId === server.spanId).length, 0, 'nothing went upstream');

  const record = await waitForAudit((log) => log.spanId === server.spanId && log.eventName === 'portcullis.audit.access');
  assert.equal(record.traceId, server.traceId);
  assert.equal(record.attributes['portcullis.audit.outcome'], 'deny');
  assert.equal(record.attributes['portcullis.principal.id'], 'ci-bot');
  assert.equal(record.attributes['gen_ai.tool.name'], 'a__echo');
  assert.equal(record.severityText, 'WARN');
  assert.match(String(record.body), /ci-bot: tools\/call a__echo denied/);
});

test('guardrail redactions are on the span and in audit records, and captured arguments and results show the redaction, never the secret', async () => {
  const result = await client.callTool({ name: 'reflect', arguments: { text: `token ${fakeGithubToken} here` } });
  assert.doesNotMatch(JSON.stringify(result), new RegExp(fakeGithubToken));
  const server = await waitForServerSpan('tools/call reflect');
  assert.deepEqual(server.attributes['portcullis.guardrail.ids'], ['redact-secrets-out']);
  assert.deepEqual(server.attributes['portcullis.guardrail.effects'], ['redacted']);
  assert.equal(server.attributes['portcullis.guardrail.outcome'], 'redacted');
  assert.match(String(server.attributes['gen_ai.tool.call.arguments']), /\[REDACTED:redact-secrets-out\]/);
  assert.match(String(server.attributes['gen_ai.tool.call.result']), /\[REDACTED:redact-secrets-out\]/, 'the result is what the client got');

  const verdict = await waitForAudit((log) => log.spanId === server.spanId && log.eventName === 'portcullis.audit.guardrail');
  assert.equal(verdict.attributes['portcullis.audit.outcome'], 'redact');
  assert.equal(verdict.attributes['portcullis.guardrail.id'], 'redact-secrets-out');
  assert.deepEqual(verdict.attributes['portcullis.guardrail.labels'], ['github-pat-classic']);
  const access = receiver.logs.find((log) => log.spanId === server.spanId && log.eventName === 'portcullis.audit.access')!;
  assert.equal(access.attributes['portcullis.arguments.capture'], 'full');
});

test('a prompt call is a SERVER span named after the prompt', async () => {
  const prompt = await client.getPrompt({ name: 'greet', arguments: { who: 'Ada' } });
  assert.equal(prompt.messages.length, 1);
  const server = await waitForServerSpan('prompts/get greet');
  assert.equal(server.attributes['gen_ai.prompt.name'], 'greet');
  assert.equal(server.attributes['mcp.method.name'], 'prompts/get');
  assert.equal(server.attributes['gen_ai.operation.name'], undefined);
  const upstreamCall = receiver.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === server.spanId)!;
  assert.equal(upstreamCall.name, 'prompts/get greet');
  assert.equal(upstreamCall.attributes['gen_ai.prompt.name'], 'greet');
});

test('a tool result with isError is a tool_error on both spans', async () => {
  const result = await client.callTool({ name: 'failing', arguments: {} });
  assert.equal(result.isError, true);
  const server = await waitForServerSpan('tools/call failing');
  assert.equal(server.attributes['error.type'], 'tool_error');
  assert.equal(server.status.code, 'ERROR');
  const upstreamCall = receiver.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === server.spanId)!;
  assert.equal(upstreamCall.attributes['error.type'], 'tool_error');
});

test('a refused credential is an authentication audit record and a span with the HTTP status', async () => {
  const response = await fetch(running.mcpUrl, {
    method: 'POST',
    headers: { authorization: 'Bearer not-a-key', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'intruder', version: '1' } } }),
  });
  assert.equal(response.status, 401);
  const server = await waitForServerSpan('initialize', (span) => span.attributes['http.response.status_code'] === 401);
  assert.equal(server.attributes['error.type'], '401');
  assert.equal(typeof server.attributes['portcullis.authentication.failure'], 'string');
  const record = await waitForAudit((log) => log.spanId === server.spanId && log.eventName === 'portcullis.audit.authentication');
  assert.equal(record.attributes['portcullis.audit.outcome'], 'deny');
  assert.equal(record.attributes['portcullis.principal.id'], undefined);
});

test('redacted capture keeps the arguments with personal data masked', async () => {
  await client.callTool({ name: 'echo', arguments: { text: 'write to ada.lovelace@example.org please' } });
  const server = await waitForServerSpan('tools/call echo', (span) => String(span.attributes['gen_ai.tool.call.arguments']).includes('write to'));
  assert.equal(server.attributes['portcullis.arguments.capture'], 'redacted');
  const captured = String(server.attributes['gen_ai.tool.call.arguments']);
  assert.match(captured, /\[REDACTED:personal-data\]/);
  assert.doesNotMatch(captured, /ada\.lovelace/);
  assert.match(captured, /write to/);
});

test('an upstream error a guardrail redacted reaches neither span nor record unredacted', async () => {
  await assert.rejects(client.getPrompt({ name: 'fail', arguments: { reason: `lookup failed: key ${fakeGithubToken}` } }), (error: Error) => {
    assert.match(error.message, /\[REDACTED:redact-secrets-back\]/);
    return true;
  });
  const server = await waitForServerSpan('prompts/get fail');
  assert.equal(server.status.code, 'ERROR');
  assert.match(server.status.message, /\[REDACTED:redact-secrets-back\]/);
  const upstreamCall = receiver.spans.find((span) => span.kind === 'CLIENT' && span.parentSpanId === server.spanId)!;
  assert.equal(upstreamCall.status.code, 'ERROR');
  assert.equal(upstreamCall.status.message, '', 'the upstream\'s own message has not been through the guardrails');
});

test('metrics: operation durations with bounded dimensions, and a denial counter', async () => {
  await client.callTool({ name: 'trace_seen', arguments: {} });
  await assert.rejects(client.callTool({ name: 'a__echo', arguments: { text: 'not granted' } }));
  await running.telemetry!.flush();
  await receiver.waitFor(() => receiver.metrics.some((metric) => metric.name === 'mcp.server.operation.duration'));
  const durations = receiver.metrics.filter((metric) => metric.name === 'mcp.server.operation.duration').at(-1)!;
  assert.equal(durations.kind, 'histogram');
  assert.equal(durations.unit, 's');
  const toolCalls = durations.dataPoints.filter((point) => point.attributes['mcp.method.name'] === 'tools/call' && point.attributes['gen_ai.tool.name'] === 'trace_seen');
  assert.ok(toolCalls.length > 0 && toolCalls.every((point) => (point.count ?? 0) > 0));
  assert.ok(
    durations.dataPoints.every((point) => point.attributes['portcullis.decision'] !== 'deny' || point.attributes['gen_ai.tool.name'] === undefined),
    'a denied name (the client\'s invention) is never a metric dimension',
  );
  const upstreamDurations = receiver.metrics.filter((metric) => metric.name === 'mcp.client.operation.duration').at(-1)!;
  assert.ok(upstreamDurations.dataPoints.some((point) => point.attributes['portcullis.server.id'] === 'beta'));
  const denials = receiver.metrics.filter((metric) => metric.name === 'portcullis.policy.denials').at(-1)!;
  assert.ok(denials.dataPoints.some((point) => point.attributes['portcullis.decision.reason'] === 'no-grant' && (point.value ?? 0) >= 1));
  const verdicts = receiver.metrics.filter((metric) => metric.name === 'portcullis.guardrail.verdicts').at(-1)!;
  assert.ok(verdicts.dataPoints.some((point) => point.attributes['portcullis.guardrail.id'] === 'redact-secrets-out'));
});

test('a config reload is an audit record, applied or refused', async () => {
  const before = running.gateway.runtime.version;
  await running.writeFiles({ 'policies/extra.yaml': 'rules:\n  - id: extra\n    effect: allow\n    subjects:\n      groups: [builders]\n    servers: [alpha]\n    tools: [echo]\n' });
  await running.reloader.reload('test');
  const applied = await waitForAudit((log) => log.eventName === 'portcullis.audit.config-reload' && log.attributes['portcullis.audit.outcome'] === 'applied');
  assert.equal(applied.attributes['portcullis.config.previous_version'], before);
  assert.equal(applied.attributes['portcullis.config.version'], running.gateway.runtime.version);
  assert.notEqual(before, running.gateway.runtime.version);

  await running.writeFiles({ 'policies/extra.yaml': 'rules: [oops\n' });
  await running.reloader.reload('test');
  const refused = await waitForAudit((log) => log.eventName === 'portcullis.audit.config-reload' && log.attributes['portcullis.audit.outcome'] === 'invalid');
  assert.equal(refused.severityText, 'ERROR');
  assert.ok(Array.isArray(refused.attributes['portcullis.reload.errors']) && (refused.attributes['portcullis.reload.errors'] as string[])[0]!.includes('policies/extra.yaml'));
});

test('nothing exported ever holds the client\'s API key, the upstream credential, or content a guardrail redacted', async () => {
  await running.telemetry!.flush();
  await receiver.waitFor(() => receiver.rawBodies.length > 0);
  const exported = Buffer.concat(receiver.rawBodies);
  for (const [what, secret] of [['the client API key', apiKey], ['the upstream token', upstreamToken], ['the redacted token', fakeGithubToken]] as const) {
    assert.equal(exported.indexOf(secret), -1, `${what} appears in the exported bytes`);
  }
  // The check can fail: the span attributes the search covers are in these very bytes.
  assert.notEqual(exported.indexOf('redact-secrets-out'), -1);
});
