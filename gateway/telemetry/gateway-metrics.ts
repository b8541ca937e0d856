/**
 * GatewayMetrics records the gateway's metrics: the semantic conventions' operation and session
 * duration histograms, and counters for what operators alert on (denials, guardrail verdicts,
 * upstream errors and restarts, reloads, secret refresh failures and staleness, audit records).
 *
 * Every dimension has bounded cardinality: methods outside the MCP set are `_OTHER`, tool and
 * prompt names appear only on calls the policy allowed (so they name something in the catalog,
 * never a client's invention), server and rule ids come from the config. The SDK additionally
 * caps every instrument at 2,000 series.
 */
import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import type { ProviderHealth } from '../secrets/secret-store.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { AuditRecord } from './audit-record.ts';
import type { ConfigReloadEvent, SecretRefreshEvent, SessionEndEvent, ToolWithheldEvent, UpstreamCallEvent, UpstreamStateEvent } from './events.ts';
import type { RequestFacts } from './request-facts.ts';
import { upstreamErrorType } from './request-spans.ts';
import { boundedMethod } from './mcp-methods.ts';

/** durationBuckets are the boundaries the MCP semantic conventions advise, in seconds. */
export const durationBuckets = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

export class GatewayMetrics {
  private readonly serverDuration: Histogram;
  private readonly clientDuration: Histogram;
  private readonly serverSessionDuration: Histogram;
  private readonly clientSessionDuration: Histogram;
  private readonly denials: Counter;
  private readonly verdicts: Counter;
  private readonly upstreamErrors: Counter;
  private readonly upstreamRestarts: Counter;
  private readonly reloads: Counter;
  private readonly secretRefreshFailures: Counter;
  private readonly withheldTools: Counter;
  private readonly auditRecords: Counter;

  constructor(meter: Meter, secretHealth: () => Partial<Record<string, ProviderHealth>>) {
    const seconds = (name: string, description: string): Histogram =>
      meter.createHistogram(name, { unit: 's', description, advice: { explicitBucketBoundaries: durationBuckets } });
    this.serverDuration = seconds('mcp.server.operation.duration', 'Duration of MCP requests the gateway received, from arrival to answer.');
    this.clientDuration = seconds('mcp.client.operation.duration', 'Duration of MCP requests the gateway sent upstream.');
    this.serverSessionDuration = seconds('mcp.server.session.duration', 'Duration of client sessions with the gateway.');
    this.clientSessionDuration = seconds('mcp.client.session.duration', 'Duration of the gateway\'s connections to upstream servers.');
    this.denials = meter.createCounter('portcullis.policy.denials', { unit: '{request}', description: 'Requests the policy denied.' });
    this.verdicts = meter.createCounter('portcullis.guardrail.verdicts', { unit: '{verdict}', description: 'Guardrail verdicts, by rule and effect.' });
    this.upstreamErrors = meter.createCounter('portcullis.upstream.errors', { unit: '{call}', description: 'Upstream calls that ended in an error.' });
    this.upstreamRestarts = meter.createCounter('portcullis.upstream.restarts', { unit: '{restart}', description: 'Upstream connections re-established after a loss.' });
    this.reloads = meter.createCounter('portcullis.config.reloads', { unit: '{reload}', description: 'Config reload attempts, by outcome.' });
    this.secretRefreshFailures = meter.createCounter('portcullis.secret.refresh.failures', { unit: '{refresh}', description: 'Secret provider refreshes that failed.' });
    this.withheldTools = meter.createCounter('portcullis.tools.withheld', { unit: '{tool}', description: 'Tools withheld from clients by pinning or a definition guardrail.' });
    this.auditRecords = meter.createCounter('portcullis.audit.records', { unit: '{record}', description: 'Audit records written, by event and outcome.' });
    meter
      .createObservableGauge('portcullis.secret.staleness', { unit: 's', description: 'Age of the oldest secret value served without the provider\'s confirmation.' })
      .addCallback((result) => {
        for (const [provider, health] of Object.entries(secretHealth())) {
          if (health) result.observe(health.stalenessMs / 1000, { 'portcullis.secret.provider': provider });
        }
      });
  }

  recordRequest(context: RequestContext, facts: RequestFacts, durationS: number): void {
    // A name counts only once the call reached its server: a down server's names are located
    // without its catalog, so an allowed call to one may carry any name a client invents.
    const allowed = context.decision?.effect === 'allow' && context.target?.unavailable === undefined;
    const serverId = context.target?.serverId;
    this.serverDuration.record(durationS, {
      'mcp.method.name': boundedMethod(facts.method),
      ...(facts.errorType === undefined ? {} : { 'error.type': facts.errorType }),
      ...(allowed && facts.toolName !== undefined ? { 'gen_ai.tool.name': facts.toolName } : {}),
      ...(allowed && facts.promptName !== undefined ? { 'gen_ai.prompt.name': facts.promptName } : {}),
      ...(serverId === undefined || !allowed ? {} : { 'portcullis.server.id': serverId }),
      ...(context.decision ? { 'portcullis.decision': context.decision.effect } : {}),
    });
    if (context.decision?.effect === 'deny') {
      this.denials.add(1, { 'mcp.method.name': boundedMethod(facts.method), 'portcullis.decision.reason': context.decision.reason, 'portcullis.decision.rule_id': context.decision.ruleId ?? '(default)' });
    }
    for (const verdict of context.verdicts) {
      this.verdicts.add(1, { 'portcullis.guardrail.id': verdict.guardrail, 'portcullis.guardrail.phase': verdict.phase, 'portcullis.guardrail.effect': verdict.effect });
    }
  }

  recordUpstreamCall(event: UpstreamCallEvent, durationS: number): void {
    const errorType = upstreamErrorType(event.error, event.result);
    const target = event.request.target?.name;
    this.clientDuration.record(durationS, {
      'mcp.method.name': boundedMethod(event.method),
      'portcullis.server.id': event.serverId,
      ...(event.method === 'tools/call' && target !== undefined ? { 'gen_ai.tool.name': target } : {}),
      ...(errorType === undefined ? {} : { 'error.type': errorType }),
    });
    if (event.error !== undefined) this.upstreamErrors.add(1, { 'portcullis.server.id': event.serverId, 'error.type': errorType ?? 'unknown' });
  }

  recordSessionEnd({ session, reason }: SessionEndEvent): void {
    this.serverSessionDuration.record((performance.now() - session.startedAt) / 1000, { 'mcp.protocol.version': session.protocolVersion, 'portcullis.session.end_reason': reason });
  }

  recordUpstreamState(event: UpstreamStateEvent): void {
    if (event.connectedMs !== undefined) this.clientSessionDuration.record(event.connectedMs / 1000, { 'portcullis.server.id': event.serverId });
    if (event.restart) this.upstreamRestarts.add(1, { 'portcullis.server.id': event.serverId });
  }

  recordReload(event: ConfigReloadEvent): void {
    this.reloads.add(1, { 'portcullis.reload.outcome': event.outcome });
  }

  recordSecretRefresh(event: SecretRefreshEvent): void {
    if (event.outcome === 'failed') this.secretRefreshFailures.add(1, { 'portcullis.secret.provider': event.provider });
  }

  recordToolWithheld(event: ToolWithheldEvent): void {
    this.withheldTools.add(1, { 'portcullis.server.id': event.serverId, 'portcullis.tool.withheld_reason': event.reason });
  }

  recordAudit(record: AuditRecord): void {
    this.auditRecords.add(1, { 'portcullis.audit.event': record.event, 'portcullis.audit.outcome': record.outcome });
  }
}
