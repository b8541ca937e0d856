/**
 * requestAuditRecords lists the decisions one request led to: a refused credential, the policy's
 * allow or deny on the tool, prompt or resource it addressed, and each guardrail verdict. A request
 * that decided nothing (initialize, a list, a notification) has no record; its span tells its story.
 */
import type { Attributes } from '@opentelemetry/api';
import type { GuardEffect, GuardVerdict } from '../guardrails/verdict.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import { SharedAttributes, type AuditEvent, type AuditRecord } from './audit-record.ts';
import { boundedMethod } from './mcp-methods.ts';
import type { RequestAttributes } from './request-attributes.ts';
import type { RequestFacts } from './request-facts.ts';
import { addCapturedAttributes, type CapturedValues } from './capture.ts';

const outcomeOfEffect: Readonly<Record<GuardEffect, string>> = {
  blocked: 'block',
  redacted: 'redact',
  warned: 'warn',
  monitored: 'monitor',
  'failed-open': 'failed-open',
};

/** maxMessageTarget bounds the client-chosen name in a record's message; the attributes have it whole (within the attribute limit). */
const maxMessageTarget = 256;

function what(facts: RequestFacts): string {
  const target = facts.toolName ?? facts.promptName ?? facts.resourceUri;
  if (target === undefined) return boundedMethod(facts.method);
  return `${boundedMethod(facts.method)} ${target.length > maxMessageTarget ? target.slice(0, maxMessageTarget) + '…' : target}`;
}

/** verdictAttributes describe one guardrail verdict: rule, phase, what it did and what kinds of thing it found (never a value). */
export function verdictAttributes(verdict: GuardVerdict): Attributes {
  return {
    'portcullis.guardrail.id': verdict.guardrail,
    'portcullis.guardrail.phase': verdict.phase,
    'portcullis.guardrail.detector': verdict.detector,
    'portcullis.guardrail.action': verdict.action,
    'portcullis.guardrail.mode': verdict.mode,
    'portcullis.guardrail.effect': verdict.effect,
    'portcullis.guardrail.labels': [...verdict.labels],
    'portcullis.guardrail.findings': verdict.findings,
    ...(verdict.score === undefined ? {} : { 'portcullis.guardrail.score': verdict.score }),
    ...(verdict.error === undefined ? {} : { 'portcullis.guardrail.error': verdict.error }),
  };
}

/** TraceIds join a record to its request's span; without an exporter only the client's trace id (if any) is known. */
export interface TraceIds {
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly sampled: boolean;
}

/** requestAuditRecords lists the records of a finished request; they share the request's `attributes`. */
export function requestAuditRecords(context: RequestContext, facts: RequestFacts, ids: TraceIds, attributes: RequestAttributes, captured: CapturedValues, durationMs: number, time: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  const { decision } = context;
  if (context.authenticationFailure === undefined && !decision && context.verdicts.length === 0) return records;
  const shared = new SharedAttributes(attributes.who, attributes.call);
  const who = context.principal?.id ?? 'an unauthenticated client';
  const roundedMs = Math.round(durationMs * 1000) / 1000;
  // One literal shape for every record: the sinks' code stays monomorphic.
  const record = (event: AuditEvent, outcome: string, severity: AuditRecord['severity'], message: string, extra: Attributes): AuditRecord => ({
    event,
    outcome,
    time,
    severity,
    message,
    traceId: ids.traceId,
    spanId: ids.spanId,
    sampled: ids.sampled,
    durationMs: roundedMs,
    shared,
    extra,
  });
  if (context.authenticationFailure !== undefined) {
    records.push(record('authentication', 'deny', 'WARN', `${who}: credential refused (${context.authenticationFailure}) for ${what(facts)}`, {}));
  }
  if (decision) {
    const allowed = decision.effect === 'allow';
    const extra: Attributes = {};
    if (decision.detail !== undefined) extra['portcullis.decision.detail'] = decision.detail;
    if (decision.file !== null) extra['portcullis.decision.file'] = decision.file;
    addCapturedAttributes(extra, facts.method, captured);
    const by = decision.ruleId === null ? 'default (no rule grants it)' : `rule ${decision.ruleId}`;
    records.push(record('access', decision.effect, allowed ? 'INFO' : 'WARN', `${who}: ${what(facts)} ${allowed ? 'allowed' : 'denied'} by ${by}`, extra));
  }
  for (const verdict of context.verdicts) {
    const acted = verdict.effect === 'blocked' || verdict.effect === 'redacted' || verdict.effect === 'failed-open';
    const message = `guardrail ${verdict.guardrail} ${verdict.effect} ${verdict.findings} finding(s) in the ${verdict.phase} of ${who}'s ${what(facts)}`;
    records.push(record('guardrail', outcomeOfEffect[verdict.effect], acted ? 'WARN' : 'INFO', message, verdictAttributes(verdict)));
  }
  return records;
}
