/**
 * RequestAttributes are what the SERVER span and the request's audit records both say: the
 * semantic conventions' attributes and the governance facts (governance-attributes.ts). Built
 * once per request, in two parts:
 *
 *   who   the facts that stay the same for every request of a session under one config: the
 *         session, protocol version, client address, principal and config version. Made once
 *         per session and kept, with its JSON, until one of them changes.
 *   call  the facts of this request: method, target, decision, guardrail verdicts, outcome.
 *
 * Every audit record is a JSON line, and serialising the same session facts for every call was
 * a third of what the JSON-lines audit trail cost. Each part is one literal of fixed shape
 * (unset facts are undefined, which exporters and JSON skip), which V8 serialises on its fast path.
 */
import type { Attributes } from '@opentelemetry/api';
import type { Principal } from '../auth/principal.ts';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../mcp/protocol-versions.ts';
import type { RequestContext } from '../pipeline/request-context.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Session } from '../session/session.ts';
import { guardrailOutcome } from './governance-attributes.ts';
import type { RequestFacts } from './request-facts.ts';

/** AttributePart is a set of attributes and the JSON of its members (without braces; '' when none is set). */
export interface AttributePart {
  readonly values: Attributes;
  readonly jsonMembers: string;
}

/** attributePart serialises `values` once, now. */
export function attributePart(values: Attributes): AttributePart {
  return { values, jsonMembers: JSON.stringify(values).slice(1, -1) };
}

/** WhoPart is the session-level part, with what it was made from, to tell when it is stale. */
interface WhoPart extends AttributePart {
  /** configVersion and configRevision, not the runtime itself: an idle session must not keep a replaced config alive. */
  readonly configVersion: string;
  readonly configRevision: string | null;
  readonly principal: Principal | undefined;
  readonly clientAddress: string;
  readonly protocolVersion: string | undefined;
}

/** knownVersion keeps a client-sent protocol version only when it is one the gateway speaks. */
function knownVersion(version: string | undefined): string | undefined {
  return version !== undefined && SUPPORTED_PROTOCOL_VERSIONS.includes(version) ? version : undefined;
}

function samePrincipal(a: Principal | undefined, b: Principal | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.id !== b.id || a.method !== b.method || a.groups.length !== b.groups.length) return false;
  return a.groups.every((group, index) => group === b.groups[index]);
}

function whoPart(runtime: Runtime, session: Session | undefined, principal: Principal | undefined, clientAddress: string, protocolVersion: string | undefined): WhoPart {
  const values: Attributes = {
    'mcp.session.id': session?.id,
    'mcp.protocol.version': protocolVersion,
    'network.protocol.name': 'http',
    'network.transport': 'tcp',
    'client.address': clientAddress,
    'portcullis.config.version': runtime.version,
    'portcullis.config.revision': runtime.revision ?? undefined,
    'portcullis.principal.id': principal?.id,
    'portcullis.principal.groups': principal ? [...principal.groups] : undefined,
    'portcullis.principal.auth_method': principal?.method,
  };
  return { ...attributePart(values), configVersion: runtime.version, configRevision: runtime.revision, principal, clientAddress, protocolVersion };
}

/** RequestAttributes are a request's attributes in their two parts; see the top of this file. */
export interface RequestAttributes {
  readonly who: AttributePart;
  readonly call: Attributes;
}

/** RequestAttributeBuilder builds each request's attributes, keeping each session's `who` part while it holds. */
export class RequestAttributeBuilder {
  readonly #who = new WeakMap<Session, WhoPart>();

  build(context: RequestContext, facts: RequestFacts): RequestAttributes {
    return { who: this.#whoOf(context), call: callAttributes(context, facts) };
  }

  #whoOf(context: RequestContext): WhoPart {
    const { session, principal, runtime } = context;
    const clientAddress = context.exchange.remoteAddress;
    const protocolVersion = session?.protocolVersion ?? knownVersion(context.exchange.header('mcp-protocol-version'));
    if (!session) return whoPart(runtime, undefined, principal, clientAddress, protocolVersion);
    const kept = this.#who.get(session);
    // A reload, a refreshed token with other groups, or a client that moved address makes a new one.
    if (kept && kept.configVersion === runtime.version && kept.configRevision === runtime.revision && kept.clientAddress === clientAddress && kept.protocolVersion === protocolVersion && samePrincipal(kept.principal, principal)) {
      return kept;
    }
    const made = whoPart(runtime, session, principal, clientAddress, protocolVersion);
    this.#who.set(session, made);
    return made;
  }
}

/** callAttributes are the facts of the request itself. */
function callAttributes(context: RequestContext, facts: RequestFacts): Attributes {
  const { decision, verdicts, target } = context;
  const guarded = verdicts.length > 0;
  return {
    'mcp.method.name': facts.method,
    'jsonrpc.request.id': facts.requestId,
    'gen_ai.tool.name': facts.toolName,
    'gen_ai.prompt.name': facts.promptName,
    'mcp.resource.uri': facts.resourceUri,
    'gen_ai.operation.name': facts.method === 'tools/call' ? 'execute_tool' : undefined,
    'error.type': facts.errorType,
    'rpc.response.status_code': facts.errorCode === undefined ? undefined : String(facts.errorCode),
    'http.response.status_code': context.httpStatus,
    'portcullis.server.id': target?.serverId,
    'portcullis.decision': decision?.effect,
    'portcullis.decision.reason': decision?.reason,
    'portcullis.decision.rule_id': decision?.ruleId ?? undefined,
    'portcullis.guardrail.ids': guarded ? verdicts.map((verdict) => verdict.guardrail) : undefined,
    'portcullis.guardrail.actions': guarded ? verdicts.map((verdict) => verdict.action) : undefined,
    'portcullis.guardrail.effects': guarded ? verdicts.map((verdict) => verdict.effect) : undefined,
    'portcullis.guardrail.outcome': guarded ? guardrailOutcome(verdicts.map((verdict) => verdict.effect)) : undefined,
    'portcullis.authentication.failure': context.authenticationFailure,
  };
}
