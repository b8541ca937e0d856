/**
 * AuditRecord is one decision the gateway made, as every audit sink receives it: an OpenTelemetry
 * log record (event name `portcullis.audit.<event>`, joined to its span by trace and span id) or
 * one JSON line with the same flat attribute names. Records are never sampled.
 */
import type { Attributes } from '@opentelemetry/api';
import type { AttributePart } from './request-attributes.ts';

/** AuditEvent is the kind of decision a record is about. */
export type AuditEvent = 'access' | 'guardrail' | 'authentication' | 'tool-withheld' | 'config-reload';

export interface AuditRecord {
  readonly event: AuditEvent;
  /** outcome is what was decided: allow, deny, redact, block, warn, monitor, failed-open, withheld, applied, unchanged, invalid, failed. */
  readonly outcome: string;
  /** time is when the decision was made, in epoch milliseconds. */
  readonly time: number;
  readonly severity: 'INFO' | 'WARN' | 'ERROR';
  /** message is one human sentence about the decision, for log viewers. */
  readonly message: string;
  /** traceId and spanId join the record to the request's span; absent for records no request caused. */
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  /** sampled says whether the request's trace was exported, so a backend knows whether to look for it. */
  readonly sampled: boolean;
  /** durationMs is how long the request took, from arrival to answer; absent for records no request caused. */
  readonly durationMs?: number;
  /**
   * shared are the facts of the request (or event) the record is about. The records of one
   * request share them, so they are serialised once however many decisions the request led to.
   */
  readonly shared: SharedAttributes;
  /** extra are this record's own attributes (the verdict, the decision's detail, captured values); never a key of `shared`. */
  readonly extra: Attributes;
}

/** auditEventName is the OpenTelemetry event name of a record. */
export function auditEventName(event: AuditEvent): string {
  return `portcullis.audit.${event}`;
}

/**
 * SharedAttributes are the facts the records of one request share: its session-level part (kept
 * per session, already serialised; see request-attributes.ts) and its own. Their JSON for the
 * JSON-lines sinks is made on first use and kept here, rather than in a WeakMap: a WeakMap entry
 * per request costs the garbage collector more than the serialisation it saves.
 */
export class SharedAttributes {
  #members: string | undefined;

  constructor(
    readonly who: AttributePart | undefined,
    readonly own: Attributes,
  ) {}

  /** jsonMembers is the JSON of all the attributes without its braces ('' when none is set). */
  get jsonMembers(): string {
    if (this.#members !== undefined) return this.#members;
    const own = JSON.stringify(this.own).slice(1, -1);
    const who = this.who?.jsonMembers ?? '';
    this.#members = who === '' ? own : own === '' ? who : `${who},${own}`;
    return this.#members;
  }
}

/**
 * auditAttributes are all of a record's attributes with its event and outcome, as exported to
 * OpenTelemetry. Unset facts are left out: the log SDK, unlike the span SDK, would export each as
 * a key with an empty value.
 */
export function auditAttributes(record: AuditRecord): Attributes {
  const attributes: Attributes = {
    'portcullis.audit.event': record.event,
    'portcullis.audit.outcome': record.outcome,
  };
  if (record.durationMs !== undefined) attributes['portcullis.request.duration_ms'] = record.durationMs;
  for (const values of [record.shared.who?.values ?? {}, record.shared.own, record.extra]) {
    for (const key in values) if (values[key] !== undefined) attributes[key] = values[key];
  }
  return attributes;
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * isoTime formats epoch milliseconds as ISO 8601 in UTC. The text up to the second is made once
 * per second and reused; only the milliseconds are formatted per record.
 */
export function isoTime(epochMs: number): string {
  const ms = Math.floor(epochMs);
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    // Formatted before it is kept: a time Date cannot format throws here, and leaves no prefix behind.
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -4);
    isoSecond = second;
  }
  const fraction = ms - second * 1000;
  return `${isoPrefix}${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
}

/** member is `,"key":value` for a value that is set, or nothing. */
function member(key: string, value: string | number | undefined): string {
  if (value === undefined) return '';
  return `,"${key}":${typeof value === 'number' && Number.isFinite(value) ? value : JSON.stringify(value)}`;
}

/**
 * auditJsonLine renders a record as one JSON line for file- and stdout-reading SIEMs. The line is
 * joined from parts rather than serialised from one merged object: merging copies some thirty
 * keys per record, and the shared part is serialised once per request. The event and severity
 * come from fixed sets of plain words; every other value goes through JSON.stringify.
 */
export function auditJsonLine(record: AuditRecord): string {
  const shared = record.shared.jsonMembers;
  const extra = JSON.stringify(record.extra);
  return (
    `{"time":"${isoTime(record.time)}","event":"portcullis.audit.${record.event}","severity":"${record.severity}"` +
    `,"message":${JSON.stringify(record.message)}` +
    member('trace_id', record.traceId) +
    member('span_id', record.spanId) +
    `,"portcullis.audit.event":"${record.event}"` +
    member('portcullis.audit.outcome', record.outcome) +
    member('portcullis.request.duration_ms', record.durationMs) +
    (shared === '' ? '' : `,${shared}`) +
    (extra === '{}' ? '' : `,${extra.slice(1, -1)}`) +
    '}\n'
  );
}
