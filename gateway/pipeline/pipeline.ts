/**
 * The request pipeline, in its fixed order. Each stage sits where it does for a reason:
 *
 *   origin-check    headers only; stops DNS rebinding before any work is done
 *   parse           transport rules (Accept, Content-Type, size) and one JSON-RPC message
 *   session         Mcp-Session-Id and MCP-Protocol-Version; initialize needs no session
 *   authenticate    who is asking; a session is bound to the principal that created it
 *   route           which server and which of its tools, prompts or resources is addressed;
 *                   a down server's names are located too, so the policy decides before
 *                   "unavailable" can tell anyone what exists
 *   authorize       may this principal do this: compiled policy, down to the arguments; a
 *                   denial is answered exactly like a name that does not exist
 *   guard-request   argument guardrails, before the upstream sees anything
 *   call-upstream   answer locally or forward to the owning server; relay what the call causes
 *   guard-response  result guardrails, before the client sees anything
 *   ── the response is delivered here ──
 *   audit           always runs, for refused requests too, after the client has its answer
 *
 * A stage that decides the outcome sets `done`; the rest of the regular stages are skipped,
 * the response is delivered, and audit still runs. Each stage is announced on the
 * `portcullis:pipeline:stage` diagnostics channel when something subscribes (telemetry, tests),
 * and costs nothing when nothing does.
 */
import { JsonRpcErrorCode, type JsonRpcId } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { RequestContext } from './request-context.ts';
import type { Stage } from './stage.ts';
import { originCheck } from './stages/origin-check.ts';
import { parse } from './stages/parse.ts';
import { session } from './stages/session.ts';
import { authenticate } from './stages/authenticate.ts';
import { route } from './stages/route.ts';
import { authorize } from './stages/authorize.ts';
import { guardRequest, guardResponse } from './stages/guard.ts';
import { audit } from './stages/audit.ts';
import { callUpstream } from './stages/call-upstream.ts';
import { stageChannel, type StageEvent } from '../telemetry/events.ts';

/** STAGES is the order every request to the MCP endpoint goes through. */
export const STAGES: readonly Stage[] = [originCheck, parse, session, authenticate, route, authorize, guardRequest, callUpstream, guardResponse];
/** FINAL_STAGES run after delivery, whatever the outcome. */
export const FINAL_STAGES: readonly Stage[] = [audit];

function announce(stage: Stage, context: RequestContext): void {
  if (stageChannel.hasSubscribers) stageChannel.publish({ stage: stage.name, context } satisfies StageEvent);
}

function deliver(context: RequestContext): void {
  const channel = context.channel;
  if (!channel || context.kind !== 'request') return;
  const id = (context.message as { id: JsonRpcId }).id;
  if (context.cancelled) return channel.end();
  if (context.error) return channel.finish(context.error.toResponse(id));
  if (context.result) return channel.finish({ jsonrpc: '2.0', id, result: context.result });
  // Every request is owed an answer; a stage that decided nothing is a gateway bug, not the client's.
  channel.finish(new RpcError(JsonRpcErrorCode.internalError, 'Internal error: the gateway produced no answer').toResponse(id));
}

function recordFailure(context: RequestContext, error: unknown): void {
  context.done = true;
  if (error instanceof RpcError) context.error = error;
  else {
    context.services.logger.error({ err: (error as Error).message, stack: (error as Error).stack }, 'unexpected error in the request pipeline');
    context.error = new RpcError(JsonRpcErrorCode.internalError, 'Internal error in the gateway; see its log');
  }
  // Without a JSON-RPC request there is no channel to carry the error: answer at the HTTP level.
  if (!context.channel) context.exchange.reply(500, { 'content-type': 'application/json' }, JSON.stringify(context.error.toResponse(null)));
}

/** runPipeline takes one request through every stage; it never throws. */
export async function runPipeline(context: RequestContext): Promise<void> {
  for (const stage of STAGES) {
    if (context.done) break;
    announce(stage, context);
    try {
      const pending = stage.run(context);
      if (pending) await pending;
    } catch (error) {
      recordFailure(context, error);
    }
  }
  deliver(context);
  for (const stage of FINAL_STAGES) {
    announce(stage, context);
    try {
      const pending = stage.run(context);
      if (pending) await pending;
    } catch (error) {
      context.services.logger.error({ err: (error as Error).message, stage: stage.name }, 'a final stage failed');
    }
  }
}
