/**
 * The JSON-lines audit trail below the gateway: each record renders as one line that parses to
 * the same attributes the OpenTelemetry sink exports, the sink's batches keep every line whole
 * and in order (multi-byte text, a line larger than a batch), and a destination that stops
 * draining makes records drop and be counted rather than pile up. Also the canonical JSON behind
 * captured hashes: its fast path must give exactly the text of the sorting serialiser.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import test from 'node:test';
import { auditAttributes, auditJsonLine, isoTime, SharedAttributes, type AuditRecord } from '../gateway/telemetry/audit-record.ts';
import { JsonLinesAuditSink, maxPendingBytes } from '../gateway/telemetry/audit-sinks.ts';
import { attributePart } from '../gateway/telemetry/request-attributes.ts';
import { canonicalJson } from '../gateway/runtime/config-version.ts';

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    event: 'access',
    outcome: 'allow',
    time: Date.UTC(2026, 10, 25, 7, 0, 0, 123),
    severity: 'INFO',
    message: 'ada: tools/call "quoted"\nname allowed by rule r1',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: undefined,
    sampled: false,
    durationMs: 1.25,
    shared: new SharedAttributes(attributePart({ 'mcp.session.id': 's-1', 'portcullis.principal.groups': ['a', 'b'], 'mcp.protocol.version': undefined }), {
      'gen_ai.tool.name': 'naïve ☃ tool',
      'error.type': undefined,
      'http.response.status_code': 200,
    }),
    extra: { 'portcullis.decision.file': 'policies/a.yaml', 'portcullis.arguments.sha256': 'ab'.repeat(32) },
    ...overrides,
  };
}

/** CollectingStream keeps what is written; `drains: false` makes it hold every write unfinished, like a stalled pipe. */
class CollectingStream extends Writable {
  readonly chunks: Buffer[] = [];

  constructor(private readonly drains = true) {
    super({ highWaterMark: 1 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    if (this.drains) callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

test('a record is one JSON line with the same attributes the OpenTelemetry sink exports', () => {
  const line = auditJsonLine(record());
  assert.ok(line.endsWith('}\n'));
  assert.equal(line.indexOf('\n'), line.length - 1, 'a message with a newline still makes one line');
  const parsed = JSON.parse(line) as Record<string, unknown>;
  assert.ok(Array.isArray(parsed['portcullis.principal.groups']));
  assert.equal('error.type' in parsed || 'mcp.protocol.version' in parsed || 'span_id' in parsed, false, 'unset facts are left out');
  assert.deepEqual(parsed, {
    time: '2026-11-25T07:00:00.123Z',
    event: 'portcullis.audit.access',
    severity: 'INFO',
    message: 'ada: tools/call "quoted"\nname allowed by rule r1',
    trace_id: '0af7651916cd43dd8448eb211c80319c',
    ...auditAttributes(record()),
  });
});

test('a record without shared or extra attributes is still valid JSON', () => {
  const parsed = JSON.parse(auditJsonLine(record({ shared: new SharedAttributes(undefined, {}), extra: {}, durationMs: undefined }))) as Record<string, unknown>;
  assert.equal(parsed['portcullis.audit.outcome'], 'allow');
  assert.equal('portcullis.request.duration_ms' in parsed, false);
});

test('the sink writes every line whole and in order: multi-byte text, batches, a line larger than a batch', async () => {
  const stream = new CollectingStream();
  const sink = new JsonLinesAuditSink(stream, true, (error) => assert.fail(error));
  const expected: string[] = [];
  for (let index = 0; index < 600; index++) {
    const big = index === 300 ? 'x'.repeat(300 * 1024) : '';
    const one = record({ message: `record ${index} ${'☃'.repeat(100 + (index % 50))}${big}` });
    expected.push(auditJsonLine(one));
    sink.write(one);
  }
  await sink.close();
  assert.equal(stream.text(), expected.join(''));
  assert.ok(stream.chunks.length > 1, 'the records were written in more than one batch');
  assert.equal(sink.dropped, 0);
});

test('a destination that stops draining drops records and counts them instead of holding them', async () => {
  const stream = new CollectingStream(false);
  const sink = new JsonLinesAuditSink(stream, false, (error) => assert.fail(error));
  const one = record();
  const lineBytes = Buffer.byteLength(auditJsonLine(one));
  const records = Math.ceil((maxPendingBytes * 2) / lineBytes);
  for (let index = 0; index < records; index++) sink.write(one);
  assert.ok(sink.dropped > 0, 'records beyond the bound are dropped');
  assert.ok(sink.dropped < records, 'records within the bound are kept');
  const kept = records - sink.dropped;
  assert.ok(kept * lineBytes <= maxPendingBytes + 256 * 1024 + lineBytes, `at most the bound and one batch is held (${kept} records)`);
});

/** sortedReference is the obvious canonical serialiser, to hold canonicalJson's fast path to. */
function sortedReference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedReference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedReference(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** randomValue makes JSON-like values with keys in random order, some sorted already, numeric and unicode keys, and undefined members. */
function randomValue(random: () => number, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 4 : 7));
  const keys = ['a', 'b', 'B', '10', '2', 'é', 'z_z', '', 'key with space'];
  switch (kind) {
    case 0:
      return Math.floor(random() * 2000) - 1000 + (random() < 0.3 ? 0.5 : 0);
    case 1:
      return ['x', 'quote"', 'line\nbreak', '☃'][Math.floor(random() * 4)];
    case 2:
      return random() < 0.5 ? null : random() < 0.5;
    case 3:
      return random() < 0.1 ? undefined : 'leaf';
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1) ?? null);
    default: {
      const chosen = keys.filter(() => random() < 0.4);
      if (random() < 0.5) chosen.sort();
      else chosen.sort(() => random() - 0.5);
      return Object.fromEntries(chosen.map((key) => [key, randomValue(random, depth + 1)]));
    }
  }
}

test('canonical JSON is the sorted serialisation of any value, whichever path makes it', () => {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let index = 0; index < 3000; index++) {
    const value = randomValue(random, 0);
    assert.equal(canonicalJson(value), sortedReference(value), JSON.stringify(value));
  }
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } }), '{"a":{"d":[1,{"e":3,"f":2}]},"b":1}');
  assert.equal(canonicalJson({ a: 1, b: 2 }), '{"a":1,"b":2}');
  let deep: unknown = 1;
  for (let level = 0; level < 300; level++) deep = [deep];
  assert.throws(() => canonicalJson(deep), RangeError);
});

test('record times are ISO 8601 in UTC to the millisecond, as Date formats them', () => {
  const times = [0, 7, 42, 999, 1000, Date.UTC(2026, 10, 25, 23, 59, 59, 999), Date.UTC(2026, 10, 26, 0, 0, 0, 5), Date.UTC(2024, 1, 29, 12, 0, 0, 120)];
  for (let step = 0; step < 2000; step++) times.push(Date.UTC(2026, 0, 1) + step * 3_700_013);
  for (const time of times) assert.equal(isoTime(time), new Date(time).toISOString(), String(time));
});
