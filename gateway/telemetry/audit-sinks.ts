/**
 * Audit sinks deliver audit records where the config says (`telemetry.audit.sinks`):
 *
 *   otel     OpenTelemetry log records through the batching log processor (bounded queue; what
 *            it cannot hold is dropped and counted by the SDK's own metrics)
 *   stdout   one JSON line per record on standard output
 *   file     one JSON line per record appended to `telemetry.audit.file`
 *
 * No sink ever waits: a JSON-lines sink whose destination has fallen more than `maxPendingBytes`
 * behind drops the record and counts it, so a full disk or a stalled pipe cannot slow a call.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber, type Logger as OtelLogger } from '@opentelemetry/api-logs';
import { auditAttributes, auditEventName, auditJsonLine, type AuditRecord } from './audit-record.ts';

export interface AuditSink {
  write(record: AuditRecord): void;
  /** dropped counts the records this sink could not take. */
  readonly dropped: number;
  close(): Promise<void>;
}

const severityNumbers: Readonly<Record<AuditRecord['severity'], SeverityNumber>> = {
  INFO: SeverityNumber.INFO,
  WARN: SeverityNumber.WARN,
  ERROR: SeverityNumber.ERROR,
};

/** OtelAuditSink emits records as log records carrying the trace and span id of the request they belong to. */
export class OtelAuditSink implements AuditSink {
  readonly dropped = 0;

  constructor(private readonly logger: () => OtelLogger) {}

  write(record: AuditRecord): void {
    const context =
      record.traceId && record.spanId ? trace.setSpanContext(ROOT_CONTEXT, { traceId: record.traceId, spanId: record.spanId, traceFlags: record.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE }) : ROOT_CONTEXT;
    this.logger().emit({
      eventName: auditEventName(record.event),
      timestamp: record.time,
      severityNumber: severityNumbers[record.severity],
      severityText: record.severity,
      body: record.message,
      attributes: auditAttributes(record),
      context,
    });
  }

  async close(): Promise<void> {
    // The logger provider that owns the queue is flushed and shut down by Telemetry.
  }
}

/** maxPendingBytes is how far a JSON-lines destination may fall behind before records are dropped. */
export const maxPendingBytes = 8 * 1024 * 1024;

/**
 * Lines are written in batches, every `flushDelayMs` or once a chunk of `chunkBytes` is full: a
 * write per record would cost a system call and, for a file, a thread-pool round trip per
 * decision; a batch costs a record at most 100 ms of delay. Closing the sink writes what is waiting.
 *
 * Each line is encoded into the chunk as soon as it is made, rather than kept as a string until
 * the batch is written: a string that lives 100 ms outlives a young-generation collection or two,
 * so V8 copies it and then promotes it to the old generation, which made the batch cost more in
 * garbage collection than in writing. A chunk's bytes live outside the JavaScript heap, and a
 * written chunk is kept for the next batch: a fresh 256 KiB buffer per batch is fresh memory from
 * the system each time, and its page faults cost more than the write.
 */
const flushDelayMs = 100;
const chunkBytes = 256 * 1024;
/** spareChunks is how many written chunks are kept for reuse. */
const spareChunks = 4;
/** maxBytesPerUnit is the most UTF-8 bytes one UTF-16 code unit of a line can take. */
const maxBytesPerUnit = 3;

/**
 * JsonLinesAuditSink writes one JSON line per record to a stream (stdout or an append-only file).
 * The stream must be done with a buffer when its write calls back, as files, pipes, sockets and
 * terminals are: the buffer is then reused. A PassThrough, which hands the buffer on, would not do.
 */
export class JsonLinesAuditSink implements AuditSink {
  #dropped = 0;
  #failed = false;
  #chunk: Buffer = Buffer.allocUnsafeSlow(chunkBytes);
  #used = 0;
  /** #spare are chunks whose write has finished, ready for the next batch. */
  readonly #spare: Buffer[] = [];
  #scheduled = false;

  readonly #onError: (error: Error) => void;

  constructor(
    private readonly stream: NodeJS.WritableStream & { readonly writableLength: number },
    private readonly owned: boolean,
    onError: (error: Error) => void,
  ) {
    this.#onError = (error: Error) => {
      // A destination that failed (disk full, file removed) stops taking records; each one after is counted as dropped.
      this.#failed = true;
      onError(error);
    };
    stream.on('error', this.#onError);
  }

  /** toFile opens `file` for appending, creating its folder. */
  static toFile(file: string, onError: (error: Error) => void): JsonLinesAuditSink {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
    const stream: WriteStream = createWriteStream(file, { flags: 'a', mode: 0o640 });
    return new JsonLinesAuditSink(stream, true, onError);
  }

  get dropped(): number {
    return this.#dropped;
  }

  write(record: AuditRecord): void {
    if (this.#failed || this.stream.writableLength + this.#used > maxPendingBytes) {
      this.#dropped++;
      return;
    }
    const line = auditJsonLine(record);
    const mostBytes = line.length * maxBytesPerUnit;
    if (this.#used + mostBytes > this.#chunk.length) this.#flush();
    if (mostBytes > this.#chunk.length) {
      // A line longer than a chunk (full capture of a large result) is written on its own.
      this.stream.write(line);
      return;
    }
    this.#used += this.#chunk.write(line, this.#used);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => this.#flush(), flushDelayMs).unref();
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#used === 0) return;
    const written = this.#chunk;
    const lines = written.subarray(0, this.#used);
    // The stream holds the chunk until it is written: the next lines go into another one.
    this.#chunk = this.#spare.pop() ?? Buffer.allocUnsafeSlow(chunkBytes);
    this.#used = 0;
    if (this.#failed) {
      this.#dropped += countLines(lines);
      return;
    }
    this.stream.write(lines, () => {
      if (this.#spare.length < spareChunks) this.#spare.push(written);
    });
  }

  async close(): Promise<void> {
    this.#flush();
    // stdout outlives the sink: its listener must not pile up over reloads. A file's stays: its
    // last writes are still in flight, and an error event with no listener would end the process.
    if (!this.owned) return void this.stream.off('error', this.#onError);
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}

/** countLines counts the records in a batch that could not be written. */
function countLines(lines: Buffer): number {
  let count = 0;
  for (let at = lines.indexOf(0x0a); at !== -1; at = lines.indexOf(0x0a, at + 1)) count++;
  return count;
}
