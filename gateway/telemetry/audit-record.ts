/**
 * AuditRecord is one decision the gateway made, as every audit sink receives it: an OpenTelemetry
 * log record (event name `portcullis.audit.<event>`, joined to its span by trace and span id) or
 * one JSON line with the same flat attribute names. Records are never sampled.
 */
import type { Attributes } from '@opentelemetry/api';

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
   * attributes are the facts of the request (or event) the record is about. The records of one
   * request share this object, so it is serialised once however many decisions the request led to.
   */
  readonly attributes: Attributes;
  /** extra are this record's own attributes (the verdict, the decision's detail, captured values); never a key of `attributes`. */
  readonly extra: Attributes;
}

/** auditEventName is the OpenTelemetry event name of a record. */
export function auditEventName(event: AuditEvent): string {
  return `portcullis.audit.${event}`;
}

/** auditAttributes are all of a record's attributes with its event and outcome, as exported to OpenTelemetry. */
export function auditAttributes(record: AuditRecord): Attributes {
  return {
    'portcullis.audit.event': record.event,
    'portcullis.audit.outcome': record.outcome,
    ...(record.durationMs === undefined ? {} : { 'portcullis.request.duration_ms': record.durationMs }),
    ...record.attributes,
    ...record.extra,
  };
}

const serialised = new WeakMap<Attributes, string>();

/** membersOf is the JSON of an object without its braces ('' when it has no members), cached for shared attribute objects. */
function membersOf(attributes: Attributes, cache: boolean): string {
  let json = cache ? serialised.get(attributes) : undefined;
  if (json === undefined) {
    json = JSON.stringify(attributes).slice(1, -1);
    if (cache) serialised.set(attributes, json);
  }
  return json;
}

/**
 * auditJsonLine renders a record as one JSON line for file- and stdout-reading SIEMs. The line is
 * joined from separately serialised parts rather than one merged object: merging copies some
 * thirty keys per record, and the shared part is serialised once per request.
 */
export function auditJsonLine(record: AuditRecord): string {
  const head = JSON.stringify({
    time: new Date(record.time).toISOString(),
    event: auditEventName(record.event),
    severity: record.severity,
    message: record.message,
    trace_id: record.traceId,
    span_id: record.spanId,
    'portcullis.audit.event': record.event,
    'portcullis.audit.outcome': record.outcome,
    'portcullis.request.duration_ms': record.durationMs,
  }).slice(0, -1);
  const parts = [head];
  const shared = membersOf(record.attributes, true);
  if (shared !== '') parts.push(shared);
  const extra = membersOf(record.extra, false);
  if (extra !== '') parts.push(extra);
  return parts.join(',') + '}\n';
}
