/**
 * authorize applies the compiled policy. Every POSTed request gets the principal's access
 * profile (lists are filtered through it); a request about one tool, prompt or resource gets a
 * decision. A denial is answered exactly as if the name did not exist, so probing reveals
 * nothing; the rule that decided goes to the gateway log and, through the context, to audit.
 * Only once a call is allowed may the client learn that its server is down.
 */
import type { JsonRpcRequest } from '../../jsonrpc/message.ts';
import { notFoundError } from '../../dispatch/routing.ts';
import { AccessPolicy, type AccessProfile } from '../../policy/access-policy.ts';
import type { Decision } from '../../policy/decision.ts';
import type { RequestContext, Target } from '../request-context.ts';
import type { Stage } from '../stage.ts';

type Params = Record<string, unknown>;

function decide(profile: AccessProfile, { method, params }: JsonRpcRequest, target: Target): Decision {
  switch (method) {
    case 'tools/call':
      return profile.decideTool(target.serverId, target.name, params?.arguments as Params | undefined);
    case 'prompts/get':
      return profile.decidePrompt(target.serverId, target.name);
    case 'completion/complete':
      return (params?.ref as Params).type === 'ref/prompt' ? profile.decidePrompt(target.serverId, target.name) : profile.decideResource(target.serverId, target.name);
    default:
      return profile.decideResource(target.serverId, target.name);
  }
}

/** refusal is the not-found error for what the client asked for, in the client's own words. */
function refusal({ method, params }: JsonRpcRequest) {
  switch (method) {
    case 'tools/call':
      return notFoundError('tools', params!.name as string);
    case 'prompts/get':
      return notFoundError('prompts', params!.name as string);
    case 'completion/complete': {
      const ref = params!.ref as Params;
      return ref.type === 'ref/prompt' ? notFoundError('prompts', ref.name as string) : notFoundError('resources', ref.uri as string);
    }
    default:
      return notFoundError('resources', params!.uri as string);
  }
}

export const authorize: Stage = {
  name: 'authorize',
  run(context: RequestContext) {
    if (context.kind !== 'request' || context.exchange.method !== 'POST') return;
    const profile = AccessPolicy.for(context.runtime).profile(context.principal!);
    context.access = profile;
    const target = context.target;
    if (!target) return;
    const request = context.message as JsonRpcRequest;
    // Unsubscribing only ever reduces what a session receives; it needs no grant.
    if (request.method === 'resources/unsubscribe') return;
    const decision = decide(profile, request, target);
    context.decision = decision;
    if (decision.effect === 'deny') {
      context.services.logger.info(
        { principal: context.principal!.id, method: request.method, server: target.serverId, name: target.name, rule: decision.ruleId, reason: decision.reason, detail: decision.detail },
        'request denied by policy',
      );
      throw refusal(request);
    }
    if (target.unavailable) throw target.unavailable;
  },
};
