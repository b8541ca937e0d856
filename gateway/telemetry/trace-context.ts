/**
 * W3C trace context at the gateway's two edges. Incoming: a client may send `traceparent` as an
 * HTTP header and in `params._meta` (the MCP convention); the `_meta` context is the parent, and a
 * different HTTP context becomes a link. Outgoing: the gateway's CLIENT span is written into the
 * upstream request's `params._meta` (the HTTP transports copy it to their headers).
 *
 * The propagator is used directly rather than through the global API, so nothing here depends on
 * process-wide registration.
 */
import { ROOT_CONTEXT, trace, TraceFlags, type Context, type Link, type SpanContext, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { HttpExchange } from '../http/exchange.ts';

type Params = Record<string, unknown>;

const propagator = new W3CTraceContextPropagator();

const headerGetter: TextMapGetter<HttpExchange> = {
  keys: () => [],
  get: (exchange, key) => exchange.header(key),
};

const metaGetter: TextMapGetter<Params> = {
  keys: (meta) => Object.keys(meta),
  get: (meta, key) => (typeof meta[key] === 'string' ? meta[key] : undefined),
};

function metaOf(params: unknown): Params | undefined {
  const meta = typeof params === 'object' && params !== null ? (params as Params)._meta : undefined;
  return typeof meta === 'object' && meta !== null ? (meta as Params) : undefined;
}

function spanContextOf(context: Context): SpanContext | undefined {
  const span = trace.getSpanContext(context);
  return span && trace.isSpanContextValid(span) ? span : undefined;
}

/** IncomingTrace is where a request's SERVER span hangs: its parent and any other context the client sent. */
export interface IncomingTrace {
  readonly parent: Context;
  readonly links: Link[];
}

/** incomingTrace reads the client's trace context from `params._meta` first, then from the HTTP headers. */
export function incomingTrace(exchange: HttpExchange, params: unknown): IncomingTrace {
  const fromHeaders = exchange.header('traceparent') === undefined ? undefined : propagator.extract(ROOT_CONTEXT, exchange, headerGetter);
  const meta = metaOf(params);
  const fromMeta = meta && typeof meta.traceparent === 'string' ? propagator.extract(ROOT_CONTEXT, meta, metaGetter) : undefined;
  const metaSpan = fromMeta && spanContextOf(fromMeta);
  const headerSpan = fromHeaders && spanContextOf(fromHeaders);
  if (metaSpan) {
    const linked = headerSpan && (headerSpan.traceId !== metaSpan.traceId || headerSpan.spanId !== metaSpan.spanId) ? [{ context: headerSpan }] : [];
    return { parent: fromMeta!, links: linked };
  }
  return { parent: headerSpan ? fromHeaders! : ROOT_CONTEXT, links: [] };
}

/**
 * withTraceContext returns `params` with the trace context of `span` in `_meta`, replacing any
 * the client sent (the upstream's parent is the gateway's span, not the client's). The client's
 * other `_meta` entries are kept; `params` itself is not modified.
 */
export function withTraceContext(params: Params | undefined, span: SpanContext): Params {
  const meta: Params = { ...metaOf(params) };
  delete meta.tracestate;
  // The span context is the gateway's own (valid ids, made by the SDK): it is written directly,
  // rather than through the propagator, which would validate it again on every upstream call.
  meta.traceparent = `00-${span.traceId}-${span.spanId}-0${(span.traceFlags & TraceFlags.SAMPLED).toString(16)}`;
  const state = span.traceState?.serialize();
  if (state) meta.tracestate = state;
  return { ...params, _meta: meta };
}

/** clientTraceId is the trace id the client sent (in `_meta` or the header), for audit records when no span is exported. */
export function clientTraceId(context: { readonly exchange: HttpExchange; readonly message: unknown }): string | undefined {
  const params = (context.message as { params?: unknown } | undefined)?.params;
  const { parent } = incomingTrace(context.exchange, params);
  return spanContextOf(parent)?.traceId;
}
