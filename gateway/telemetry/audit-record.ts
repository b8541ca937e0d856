/**
 * AuditRecord is one decision the gateway made, as every audit sink receives it: an OpenTelemetry
 * log record (event name `portcullis.audit.<event>`, joined to its span by trace and span id) or
 * one JSON line with the same flat attribute names. Records are never sampled.
 */
import type { AttributeValue, Attributes } from '@opentelemetry/api';

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
  readonly attributes: Attributes;
}

/** auditEventName is the OpenTelemetry event name of a record. */
export function auditEventName(event: AuditEvent): string {
  return `portcullis.audit.${event}`;
}

/** auditAttributes are the record's attributes plus its event and outcome, as exported. */
export function auditAttributes(record: AuditRecord): Attributes {
  return { 'portcullis.audit.event': record.event, 'portcullis.audit.outcome': record.outcome, ...record.attributes };
}

/** auditJsonLine renders a record as one JSON line for file- and stdout-reading SIEMs. */
export function auditJsonLine(record: AuditRecord): string {
  const line: Record<string, AttributeValue | undefined> = {
    time: new Date(record.time).toISOString(),
    event: auditEventName(record.event),
    severity: record.severity,
    message: record.message,
    trace_id: record.traceId,
    span_id: record.spanId,
    ...auditAttributes(record),
  };
  return JSON.stringify(line) + '\n';
}
