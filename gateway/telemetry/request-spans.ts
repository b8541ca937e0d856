/**
 * RequestSpans turns the pipeline into the spans the MCP semantic conventions describe: a SERVER
 * span per JSON-RPC message a client posts, named `{mcp.method.name} {target}`, and a CLIENT
 * child span per call the gateway sends upstream on its behalf, whose context goes upstream in
 * `params._meta` (and the HTTP `traceparent` header). Governance facts ride along under the
 * `portcullis.` prefix.
 *
 * The SERVER span is started when it is first needed (the first upstream call, or the end of
 * the request) with the request's arrival as its start time, because its parent is only known
 * once the body has been parsed. Spans of requests that are not sampled still have valid ids:
 * audit records carry them, and the upstream still joins the trace. Without an exporter
 * Telemetry makes no spans at all.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { UpstreamCallEvent } from './events.ts';
import { incomingTrace, withTraceContext } from './trace-context.ts';
import type { RequestFacts } from './request-facts.ts';
import { capturedAttributes, type CapturedValues } from './capture.ts';
import { boundedMethod } from './mcp-methods.ts';
import type { RequestAttributes } from './request-attributes.ts';

type Params = Record<string, unknown>;

/** epochMs converts a performance.now() reading to epoch milliseconds with its fraction, as span times need. */
export function epochMs(monotonicMs: number): number {
  return performance.timeOrigin + monotonicMs;
}

/** maxNameTarget bounds the client-chosen part of a span name; the full name is in `gen_ai.tool.name`. */
const maxNameTarget = 256;

/**
 * spanName is `{mcp.method.name} {target}`: the tool or prompt name when there is one (resource
 * URIs are too varied for a name). A method outside the protocol is `_OTHER`, so a client cannot
 * choose span names.
 */
export function spanName(method: string, target: string | undefined): string {
  const bounded = boundedMethod(method);
  return target === undefined ? bounded : `${bounded} ${target.length > maxNameTarget ? target.slice(0, maxNameTarget) + '…' : target}`;
}

function hostAndPort(url: string | undefined): Attributes {
  if (url === undefined) return {};
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
    return { 'server.address': parsed.hostname, 'server.port': port };
  } catch {
    return {};
  }
}

export class RequestSpans {
  private readonly open = new WeakMap<RequestContext, Span>();
  private readonly calls = new WeakMap<UpstreamCallEvent, Span>();

  constructor(private readonly tracer: () => Tracer) {}

  /** serverSpan returns the request's SERVER span, starting it (back-dated to the request's arrival) on first use. */
  serverSpan(context: RequestContext): Span {
    let span = this.open.get(context);
    if (span) return span;
    const message = context.message as { method?: unknown; params?: unknown } | undefined;
    const method = typeof message?.method === 'string' ? message.method : 'mcp';
    const { parent, links } = incomingTrace(context.exchange, message?.params);
    span = this.tracer().startSpan(spanName(method, undefined), { kind: SpanKind.SERVER, startTime: epochMs(context.receivedAtHr), links }, parent);
    this.open.set(context, span);
    return span;
  }

  /** finish sets the request's final attributes and status, ends its SERVER span, and returns it (for the audit records' ids). */
  finish(context: RequestContext, facts: RequestFacts, attributes: RequestAttributes, captured: CapturedValues, endTime: number): Span {
    const span = this.serverSpan(context);
    this.open.delete(context);
    if (span.isRecording()) {
      if (facts.method !== undefined) span.updateName(spanName(facts.method, facts.toolName ?? facts.promptName));
      span.setAttributes(attributes.who.values);
      span.setAttributes(attributes.call);
      span.setAttributes(capturedAttributes(facts.method, captured));
      if (facts.errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: facts.errorMessage });
    }
    span.end(endTime);
    return span;
  }

  /** endIfOpen ends a SERVER span begun before a reload turned telemetry off, so none is left open. */
  endIfOpen(context: RequestContext): void {
    const span = this.open.get(context);
    if (!span) return;
    this.open.delete(context);
    span.end();
  }

  /**
   * startUpstreamCall starts the CLIENT span of a call upstream and puts its context into the
   * call's params. Telemetry calls it only while spans are exported: otherwise the client's own
   * context (if any) goes upstream untouched, since a parent never exported would break its trace.
   */
  startUpstreamCall(event: UpstreamCallEvent): void {
    const parent = this.serverSpan(event.request);
    const target = event.request.target?.name;
    const named = event.method === 'tools/call' || event.method === 'prompts/get' ? target : undefined;
    const span = this.tracer().startSpan(
      spanName(event.method, named),
      {
        kind: SpanKind.CLIENT,
        // On the monotonic clock, as the SERVER span is: a step of the wall clock while serving
        // must not move a child outside its parent.
        startTime: epochMs(event.startedAt),
        attributes: {
          'mcp.method.name': event.method,
          'gen_ai.tool.name': event.method === 'tools/call' ? target : undefined,
          'gen_ai.prompt.name': event.method === 'prompts/get' ? target : undefined,
          'gen_ai.operation.name': event.method === 'tools/call' ? 'execute_tool' : undefined,
          'network.transport': event.transport === 'stdio' ? 'pipe' : 'tcp',
          ...(event.transport === 'stdio' ? {} : { 'network.protocol.name': 'http' }),
          ...hostAndPort(event.url),
          'portcullis.server.id': event.serverId,
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    this.calls.set(event, span);
    event.params = withTraceContext(event.params, span.spanContext());
  }

  /** endUpstreamCall ends the CLIENT span of a call; an error the upstream answered with sets `error.type`. */
  endUpstreamCall(event: UpstreamCallEvent): void {
    const span = this.calls.get(event);
    if (!span) return;
    this.calls.delete(event);
    const errorType = upstreamErrorType(event.error, event.result);
    if (errorType !== undefined && span.isRecording()) {
      span.setAttribute('error.type', errorType);
      const code = (event.error as { code?: unknown } | undefined)?.code;
      if (typeof code === 'number') span.setAttribute('rpc.response.status_code', String(code));
      // No description: the upstream's message has not passed the guardrails yet (forward.ts runs
      // them on it afterwards), and it may carry what they redact. The SERVER span has the cleaned one.
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end(epochMs(performance.now()));
  }
}

/** upstreamErrorType is the `error.type` of an upstream call: its JSON-RPC code, the error's class, or `tool_error`. */
export function upstreamErrorType(error: unknown, result: Params | undefined): string | undefined {
  if (error !== undefined) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return String(code);
    return error instanceof Error ? error.constructor.name : 'unknown';
  }
  return result?.isError === true ? 'tool_error' : undefined;
}
