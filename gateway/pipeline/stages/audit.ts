/**
 * audit runs after the client has its answer, for refused requests too. Telemetry subscribes to
 * this stage on the pipeline's diagnostics channel and makes the request's span, metrics and
 * audit records from the finished context (gateway/telemetry/). This stage itself only keeps a
 * line per request with guardrail verdicts in the operator's log (rule ids, labels and counts,
 * never a matched value).
 */
import type { JsonRpcRequest } from '../../jsonrpc/message.ts';
import type { Stage } from '../stage.ts';

export const audit: Stage = {
  name: 'audit',
  run(context) {
    if (context.verdicts.length === 0) return;
    const request = context.message as JsonRpcRequest;
    // A rule that failed open let something through unchecked: as loud as one that acted.
    const acted = context.verdicts.some((verdict) => verdict.effect !== 'warned' && verdict.effect !== 'monitored');
    context.services.logger[acted ? 'warn' : 'info'](
      {
        audit: 'guardrail',
        principal: context.principal?.id,
        method: request.method,
        server: context.target?.serverId,
        name: context.target?.name,
        verdicts: context.verdicts,
      },
      'guardrail verdicts',
    );
  },
};
