// How telemetry is delivered: audit records survive trace sampling, a collector that is down or
// refusing never holds a call up and what is lost is counted, every wire protocol carries the same
// records, collector credentials come from secret references, audit records can go to a JSON-lines
// file, and a reload can move export to another collector. Telemetry is process-wide, so each
// test runs its own gateway and stops it before the next begins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { anonymousRoot, httpServerYaml, startGateway, startHttpUpstream, stdioServerYaml, type RunningGateway } from './support/gateway-harness.ts';
import { startOtlpReceiver } from './support/otlp/otlp-receiver.ts';
import { waitFor } from './support/wait-for.ts';

const run = promisify(execFile);

const policy = `rules:
  - id: testers-echo
    effect: allow
    subjects:
      groups: [testers]
    servers: [alpha]
    tools: [echo, mutable]
`;

function telemetryYaml(endpoint: string, extra = '', protocol = 'http/protobuf'): string {
  return `telemetry:
  exporter: otlp
  otlp:
    endpoint: ${endpoint}
    protocol: ${protocol}
    timeout: 2s
  batch:
    delay: 50ms
${extra}`;
}

async function withGateway(
  root: string,
  files: Record<string, string>,
  run: (running: RunningGateway) => Promise<void>,
  environment: NodeJS.ProcessEnv = {},
  beforeLoad?: (folder: string) => Promise<void>,
): Promise<void> {
  const running = await startGateway(
    { 'portcullis.yaml': root, 'servers/alpha.yaml': stdioServerYaml('alpha'), 'policies/testers.yaml': policy, ...files },
    { telemetry: true, environment, beforeLoad },
  );
  try {
    await run(running);
  } finally {
    await running.stop();
  }
}

interface SignalCounts {
  readonly exported: number;
  readonly failed: number;
  readonly droppedQueueFull: number;
}

async function adminTelemetry(running: RunningGateway): Promise<{ spans: SignalCounts; logRecords: SignalCounts; auditRecords: number }> {
  const response = await fetch(`${running.baseUrl}/admin/telemetry`);
  assert.equal(response.status, 200);
  return (await response.json()) as never;
}

test('with sampling at 0 no span is exported, yet every audit record arrives, each with its own trace id', async () => {
  const receiver = await startOtlpReceiver();
  try {
    // A metrics interval shorter than the export timeout is accepted (the SDK alone would refuse it).
    await withGateway(anonymousRoot(telemetryYaml(receiver.httpUrl, '  samplingRatio: 0\n  metricsInterval: 1s\n')), {}, async (running) => {
      const client = await running.connectClient();
      for (let call = 0; call < 5; call++) await client.callTool({ name: 'alpha__echo', arguments: { text: `call ${call}` } });
      await assert.rejects(client.callTool({ name: 'alpha__roots', arguments: {} }));
      await running.telemetry!.flush();
      const access = () => receiver.logs.filter((log) => log.eventName === 'portcullis.audit.access');
      await receiver.waitFor(() => access().length === 6);
      assert.deepEqual(access().map((log) => log.attributes['portcullis.audit.outcome']).sort(), ['allow', 'allow', 'allow', 'allow', 'allow', 'deny']);
      const traceIds = access().map((log) => log.traceId);
      assert.ok(traceIds.every((id) => /^[0-9a-f]{32}$/.test(id) && id !== '0'.repeat(32)));
      assert.equal(new Set(traceIds).size, 6, 'each call is its own trace');
      assert.equal(receiver.spans.length, 0);
    });
  } finally {
    await receiver.close();
  }
});

test('with the collector down, calls succeed without waiting for it, and the dropped telemetry is counted', async () => {
  // A collector that accepts connections and never answers: each export hangs until its timeout.
  const sockets = new Set<net.Socket>();
  const blackhole = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(blackhole.address() as net.AddressInfo).port}`;
  try {
    const extra = '  maxQueueSize: 4\n  batch:\n    maxSize: 2\n    delay: 10ms\n';
    const root = anonymousRoot(telemetryYaml(endpoint).replace('  batch:\n    delay: 50ms\n', '').replace('timeout: 2s', 'timeout: 10s') + extra);
    await withGateway(root, {}, async (running) => {
      const client = await running.connectClient();
      let slowest = 0;
      for (let call = 0; call < 40; call++) {
        const started = performance.now();
        const result = await client.callTool({ name: 'alpha__echo', arguments: { text: `call ${call}` } });
        slowest = Math.max(slowest, performance.now() - started);
        assert.equal((result.content as { text: string }[])[0]!.text, `alpha:call ${call}`);
      }
      // Not a speed check: a call that waited for an export would take the export's 10 s timeout.
      assert.ok(slowest < 5000, `the slowest call took ${Math.round(slowest)} ms; calls must not wait for the collector`);
      const status = await adminTelemetry(running);
      assert.ok(status.spans.droppedQueueFull > 0, `spans dropped: ${JSON.stringify(status.spans)}`);
      assert.ok(status.logRecords.droppedQueueFull > 0, `log records dropped: ${JSON.stringify(status.logRecords)}`);
      assert.ok(status.auditRecords >= 40);
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  }
});

test('a collector that refuses exports costs the calls nothing, and the failed exports are counted', async () => {
  const receiver = await startOtlpReceiver();
  // A long Retry-After makes the exporter give up at once instead of retrying for its whole timeout.
  receiver.failWith(503, { retryAfterSeconds: 60 });
  try {
    await withGateway(anonymousRoot(telemetryYaml(receiver.httpUrl)), {}, async (running) => {
      const client = await running.connectClient();
      for (let call = 0; call < 3; call++) await client.callTool({ name: 'alpha__echo', arguments: { text: 'refused' } });
      await running.telemetry!.flush();
      await waitFor(async () => (await adminTelemetry(running)).spans.failed > 0, 'failed span exports to be counted');
      const status = await adminTelemetry(running);
      assert.ok(status.logRecords.failed > 0);
      assert.equal(status.spans.exported, 0);
      assert.ok(receiver.requests.length > 0 && receiver.requests.every((request) => !request.accepted));
    });
  } finally {
    await receiver.close();
  }
});

for (const protocol of ['http/json', 'grpc'] as const) {
  test(`over ${protocol} the same spans and audit records arrive, with the collector credential from a secret reference`, async () => {
    const receiver = await startOtlpReceiver({ grpc: protocol === 'grpc' });
    const token = randomBytes(18).toString('hex');
    const endpoint = protocol === 'grpc' ? receiver.grpcUrl! : receiver.httpUrl;
    const headers = '  otlp:\n';
    const root = anonymousRoot(telemetryYaml(endpoint, '', protocol)).replace(headers, `${headers}    headers:\n      Authorization: "Bearer \${env:TEST_OTEL_TOKEN}"\n`);
    try {
      await withGateway(
        root,
        {},
        async (running) => {
          const client = await running.connectClient();
          await client.callTool({ name: 'alpha__echo', arguments: { text: protocol } });
          await running.telemetry!.flush();
          await receiver.waitFor(() => receiver.spans.some((span) => span.name === 'tools/call alpha__echo') && receiver.logs.some((log) => log.eventName === 'portcullis.audit.access'));
          const span = receiver.spans.find((candidate) => candidate.name === 'tools/call alpha__echo')!;
          assert.equal(span.wireProtocol, protocol);
          assert.equal(span.kind, 'SERVER');
          const record = receiver.logs.find((log) => log.eventName === 'portcullis.audit.access')!;
          assert.equal(record.spanId, span.spanId);
          assert.ok(receiver.requests.every((request) => request.authorization === `Bearer ${token}`), 'every export carries the collector credential');
          assert.equal(Buffer.concat(receiver.rawBodies).indexOf(token), -1, 'the credential is never in the exported data');
        },
        { TEST_OTEL_TOKEN: token },
      );
    } finally {
      await receiver.close();
    }
  });
}

test('audit records go to a JSON-lines file, joined to their spans; a withheld tool is recorded', async () => {
  const receiver = await startOtlpReceiver();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'pcx-audit-'));
  const file = path.join(folder, 'audit', 'records.jsonl');
  const definitions = 'guardrails:\n  - id: no-weather\n    phase: definition\n    detector:\n      type: regex\n      patterns: ["weather"]\n    action: block\n';
  try {
    await withGateway(anonymousRoot(telemetryYaml(receiver.httpUrl, `  audit:\n    sinks: [otel, file]\n    file: ${file}\n`)), { 'guardrails/definitions.yaml': definitions }, async (running) => {
      const client = await running.connectClient();
      assert.ok(!(await client.listTools()).tools.some((tool) => tool.name === 'alpha__mutable'));
      await client.callTool({ name: 'alpha__echo', arguments: { text: 'to the file' } });
      await running.telemetry!.flush();
      await receiver.waitFor(() => receiver.spans.some((span) => span.name === 'tools/call alpha__echo'));
      const span = receiver.spans.find((candidate) => candidate.name === 'tools/call alpha__echo')!;
      let lines: Record<string, unknown>[] = [];
      await waitFor(async () => {
        lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
        return lines.some((line) => line.event === 'portcullis.audit.access');
      }, 'the access record in the file');
      const access = lines.find((line) => line.event === 'portcullis.audit.access')!;
      assert.equal(access.trace_id, span.traceId);
      assert.equal(access.span_id, span.spanId);
      assert.equal(access['portcullis.principal.id'], 'tester');
      assert.equal(access['gen_ai.tool.name'], 'alpha__echo');
      assert.equal(typeof access['portcullis.request.duration_ms'], 'number');
      await receiver.waitFor(() => receiver.logs.some((log) => log.eventName === 'portcullis.audit.access'));
      const otelAccess = receiver.logs.find((log) => log.eventName === 'portcullis.audit.access')!;
      assert.equal(typeof otelAccess.attributes['portcullis.request.duration_ms'], 'number');
      const withheld = lines.find((line) => line.event === 'portcullis.audit.tool-withheld')!;
      assert.equal(withheld['gen_ai.tool.name'], 'mutable');
      assert.equal(withheld['portcullis.guardrail.id'], 'no-weather');
      assert.ok(receiver.logs.some((log) => log.eventName === 'portcullis.audit.tool-withheld'), 'the otel sink got it too');
    });
  } finally {
    await receiver.close();
    await rm(folder, { recursive: true, force: true });
  }
});

test('the git commit of the config is on /admin/config and on every audit record; an uncommitted edit drops it', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'pcx-audit-revision-'));
  const file = path.join(folder, 'records.jsonl');
  let commit = '';
  const git = (cwd: string, ...args: string[]) => run('git', ['-C', cwd, '-c', 'user.name=Revision Test', '-c', 'user.email=revision@example.com', ...args]);
  const commitAll = async (cwd: string): Promise<void> => {
    await git(cwd, 'init', '--quiet');
    await git(cwd, 'add', '.');
    await git(cwd, 'commit', '--quiet', '-m', 'config');
    commit = (await git(cwd, 'rev-parse', 'HEAD')).stdout.trim();
  };
  try {
    const root = anonymousRoot(`telemetry:\n  exporter: none\n  audit:\n    sinks: [file]\n    file: ${file}\n`);
    await withGateway(
      root,
      {},
      async (running) => {
        assert.match(commit, /^[0-9a-f]{40}$/);
        const admin = (await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { configVersion: string; configRevision: string | null };
        assert.equal(admin.configRevision, commit);
        const client = await running.connectClient();
        await client.callTool({ name: 'alpha__echo', arguments: { text: 'which commit allowed this?' } });
        // An edit that is not committed: the reload applies it, and the commit no longer describes what serves.
        await running.writeFiles({ 'portcullis.yaml': root.replace('sinks: [file]', 'sinks: [file]\n    capture:\n      arguments: none') });
        assert.equal((await running.reloader.reload('test')).outcome, 'applied');
        await client.callTool({ name: 'alpha__echo', arguments: { text: 'and this?' } });
        await running.telemetry!.flush();
        let lines: Record<string, unknown>[] = [];
        await waitFor(async () => {
          lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
          return lines.filter((line) => line.event === 'portcullis.audit.access').length === 2 && lines.some((line) => line.event === 'portcullis.audit.config-reload');
        }, 'two access records and the reload record');
        const [before, after] = lines.filter((line) => line.event === 'portcullis.audit.access');
        assert.equal(before!['portcullis.config.revision'], commit);
        assert.equal(after!['portcullis.config.revision'], undefined);
        assert.notEqual(after!['portcullis.config.version'], before!['portcullis.config.version']);
        const reload = lines.find((line) => line.event === 'portcullis.audit.config-reload')!;
        assert.equal(reload['portcullis.config.revision'], undefined);
        assert.equal(((await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { configRevision: string | null }).configRevision, null);
      },
      {},
      commitAll,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a reload that changes the telemetry settings moves export to the new collector', async () => {
  const first = await startOtlpReceiver();
  const second = await startOtlpReceiver();
  try {
    await withGateway(anonymousRoot(telemetryYaml(first.httpUrl)), {}, async (running) => {
      const client = await running.connectClient();
      await client.callTool({ name: 'alpha__echo', arguments: { text: 'before' } });
      await running.writeFiles({ 'portcullis.yaml': anonymousRoot(telemetryYaml(second.httpUrl)) });
      assert.equal((await running.reloader.reload('test')).outcome, 'applied');
      await client.callTool({ name: 'alpha__echo', arguments: { text: 'after' } });
      await running.telemetry!.flush();
      await second.waitFor(() => second.spans.some((span) => span.name === 'tools/call alpha__echo'));
      await first.waitFor(() => first.spans.some((span) => span.name === 'tools/call alpha__echo'));
      assert.equal(second.spans.filter((span) => span.name === 'tools/call alpha__echo').length, 1);
      assert.ok(second.logs.some((log) => log.eventName === 'portcullis.audit.config-reload'), 'the reload record goes to the new collector');
    });
  } finally {
    await first.close();
    await second.close();
  }
});

test('a collector header gRPC cannot carry is left out and named, never quoted, and the gateway still starts', async () => {
  const receiver = await startOtlpReceiver({ grpc: true });
  const token = `tab\there-${randomBytes(8).toString('hex')}`;
  const root = anonymousRoot(telemetryYaml(receiver.grpcUrl!, '', 'grpc')).replace('  otlp:\n', '  otlp:\n    headers:\n      Authorization: "Bearer ${env:TEST_OTEL_TOKEN}"\n');
  try {
    await withGateway(
      root,
      {},
      async (running) => {
        const client = await running.connectClient();
        await client.callTool({ name: 'alpha__echo', arguments: { text: 'no credential' } });
        await running.telemetry!.flush();
        await receiver.waitFor(() => receiver.spans.some((span) => span.name === 'tools/call alpha__echo'));
        assert.ok(receiver.requests.every((request) => request.authorization === undefined));
        const warning = running.logs.find((record) => record.header === 'Authorization');
        assert.ok(warning, 'the dropped header is named in the log');
        assert.equal(JSON.stringify(running.logs).indexOf(token.slice(4)), -1, 'the value is never logged');
      },
      { TEST_OTEL_TOKEN: token },
    );
  } finally {
    await receiver.close();
  }
});

test('without an exporter the client\'s own trace context goes upstream, and a malformed one never becomes a header', async () => {
  const upstream = await startHttpUpstream('beta');
  const running = await startGateway(
    { 'portcullis.yaml': anonymousRoot(), 'servers/beta.yaml': httpServerYaml('beta', upstream.url) },
    { telemetry: true },
  );
  try {
    const client = await running.connectClient();
    const broken = await client.callTool({ name: 'beta__echo', arguments: { text: 'still answered' }, _meta: { traceparent: '00-abc\r\nx-injected: yes', tracestate: 'a=b' } });
    assert.equal((broken.content as { text: string }[])[0]!.text, 'beta:still answered');
    assert.equal(running.gateway.upstreamStates().find((server) => server.id === 'beta')!.state, 'ready', 'the upstream connection was not dropped');
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const seen = await client.callTool({ name: 'beta__trace_seen', arguments: {}, _meta: { traceparent } });
    const context = JSON.parse((seen.content as { text: string }[])[0]!.text) as { meta: { traceparent?: string }; traceparent: string | null };
    assert.equal(context.meta.traceparent, traceparent);
    assert.equal(context.traceparent, traceparent);
    const headersResult = await client.callTool({ name: 'beta__headers_seen', arguments: {} });
    const headers = JSON.parse((headersResult.content as { text: string }[])[0]!.text) as Record<string, unknown>[];
    assert.ok(headers.every((seenHeaders) => seenHeaders['x-injected'] === undefined && !String(seenHeaders.traceparent ?? '').includes('abc')));
  } finally {
    await running.stop();
    await upstream.stop();
  }
});
