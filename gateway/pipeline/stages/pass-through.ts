/**
 * The stages later milestones fill in, present now so the pipeline's order is fixed and tested:
 * guard-request (argument guardrails), guard-response (result guardrails)
 * and audit (the audit record). Each passes the request on unchanged.
 */
import type { Stage } from '../stage.ts';

/** guardRequest will run request-phase guardrails on arguments before the upstream sees them. */
export const guardRequest: Stage = { name: 'guard-request', run() {} };

/** guardResponse will run response-phase guardrails on results before the client sees them. */
export const guardResponse: Stage = { name: 'guard-response', run() {} };

/** audit will hand the outcome to telemetry; it runs for every request, answered or refused. */
export const audit: Stage = { name: 'audit', run() {} };
