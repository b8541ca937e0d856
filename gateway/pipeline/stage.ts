/**
 * Stage is one step of the request pipeline. `run` may finish synchronously (most stages do on
 * the hot path) or return a promise; it records its outcome on the context rather than
 * returning one, so stages stay independent of each other's shapes.
 */
import type { RequestContext } from './request-context.ts';

export type StageName =
  | 'origin-check'
  | 'parse'
  | 'session'
  | 'authenticate'
  | 'route'
  | 'authorize'
  | 'guard-request'
  | 'call-upstream'
  | 'guard-response'
  | 'audit';

export interface Stage {
  readonly name: StageName;
  run(context: RequestContext): void | Promise<void>;
}
