/**
 * Capture decides how much of a call's arguments and result telemetry keeps, per the configured
 * mode of the server or tool (`telemetry.audit.capture`, overridden per server and per tool):
 *
 *   none       nothing
 *   hash       the SHA-256 of the canonical JSON: proves what was sent without revealing it
 *   redacted   the JSON with secrets and personal data replaced by `[REDACTED:<rule>]`, on top of
 *              whatever the call's own guardrails already redacted
 *   full       the JSON as it crossed the gateway (after the call's guardrails)
 *
 * Values are always taken after the call's guardrails, so content a guardrail redacted is never
 * captured; content a guardrail blocked is captured as its hash at most.
 */
import { hash } from 'node:crypto';
import type { Attributes } from '@opentelemetry/api';
import type { CaptureMode } from '../config/schema-types.generated.ts';
import { redactingGuardrail, type CompiledGuardrail } from '../guardrails/guardrail-set.ts';
import { guardValue } from '../guardrails/guard-value.ts';
import type { Runtime, CaptureRuntime } from '../runtime/runtime.ts';
import { canonicalJson } from '../runtime/config-version.ts';

/** maxCapturedChars bounds a captured JSON text; a longer one is cut and marked, so one huge result cannot swamp the exporter. */
export const maxCapturedChars = 16 * 1024;

/** Captured is what telemetry keeps of one value. */
export type Captured = { readonly mode: 'hash'; readonly sha256: string } | { readonly mode: 'redacted' | 'full'; readonly json: string };

/** captureModesFor finds the capture modes of a call: the first matching tool override, else the server's. */
export function captureModesFor(runtime: Runtime, serverId: string | undefined, tool: string | undefined): CaptureRuntime {
  const server = serverId === undefined ? undefined : runtime.servers.get(serverId);
  if (!server) return runtime.telemetry.audit.capture;
  if (tool !== undefined) {
    for (const override of server.toolCaptures) if (override.match.test(tool)) return override.capture;
  }
  return server.capture;
}

let redactors: readonly CompiledGuardrail[] | undefined;

// Built on first use: a gateway that never captures in `redacted` mode never loads the rule sets.
function captureRedactors(): readonly CompiledGuardrail[] {
  // A detector that cannot finish blocks: the capture then falls back to a hash, never to the raw value.
  redactors ??= [redactingGuardrail('secret', { type: 'secrets' }, '(built-in)'), redactingGuardrail('personal-data', { type: 'pii' }, '(built-in)')];
  return redactors;
}

function sha256Of(json: string): Captured {
  // The one-shot hash: no Hash object per call (half the cost, measured on Node 20).
  return { mode: 'hash', sha256: hash('sha256', json, 'hex') };
}

function bounded(json: string): string {
  return json.length <= maxCapturedChars ? json : `${json.slice(0, maxCapturedChars)}…[truncated ${json.length - maxCapturedChars} characters]`;
}

/**
 * capture applies `mode` to `value`. `blocked` says a guardrail refused the value: then at most its
 * hash is kept, since the unredacted value is still what the context holds. A value that cannot be
 * serialised (nested absurdly deep) is captured as nothing rather than failing the audit.
 */
export function capture(mode: CaptureMode, value: unknown, blocked: boolean): Captured | undefined {
  if (mode === 'none' || value === undefined) return undefined;
  let json: string;
  try {
    json = canonicalJson(value);
  } catch {
    return undefined;
  }
  if (mode === 'hash' || blocked) return sha256Of(json);
  if (mode === 'full') return { mode, json: bounded(json) };
  const outcome = guardValue(captureRedactors(), value);
  if (outcome.blockedBy !== undefined) return sha256Of(json);
  return { mode, json: bounded(outcome.value === value ? json : canonicalJson(outcome.value)) };
}

/** CapturedValues are a call's arguments and result as the capture policy lets telemetry keep them. */
export interface CapturedValues {
  readonly arguments: Captured | undefined;
  readonly result: Captured | undefined;
}

/**
 * capturedAttributes names captured values for spans and audit records alike. A tool call's
 * texts use the semantic conventions' opt-in `gen_ai.tool.call.arguments` and `.result`; other
 * methods (prompt arguments, resource contents) use `portcullis.arguments` and `portcullis.result`.
 * Hashes are always `portcullis.arguments.sha256` and `portcullis.result.sha256`.
 */
export function capturedAttributes(method: string | undefined, values: CapturedValues): Attributes {
  return addCapturedAttributes({}, method, values);
}

/** addCapturedAttributes sets the attributes of captured values on `attributes` and returns it. */
export function addCapturedAttributes(attributes: Attributes, method: string | undefined, values: CapturedValues): Attributes {
  addCaptured(attributes, method, 'arguments', values.arguments);
  addCaptured(attributes, method, 'result', values.result);
  return attributes;
}

function addCaptured(attributes: Attributes, method: string | undefined, part: 'arguments' | 'result', value: Captured | undefined): void {
  if (!value) return;
  attributes[`portcullis.${part}.capture`] = value.mode;
  if (value.mode === 'hash') attributes[`portcullis.${part}.sha256`] = value.sha256;
  else attributes[method === 'tools/call' ? `gen_ai.tool.call.${part}` : `portcullis.${part}`] = value.json;
}
