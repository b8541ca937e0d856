/**
 * Principal is who a request acts for, as the authenticate stage established it. Everything
 * after authentication (policy, audit, per-principal credentials) reads this, never the raw token.
 */
export interface Principal {
  readonly id: string;
  readonly groups: readonly string[];
  /** method says how the principal was established. */
  readonly method: 'anonymous' | 'jwt' | 'api-key';
}
