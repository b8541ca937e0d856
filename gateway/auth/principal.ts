/**
 * Principal is who a request acts for, as the authenticate stage established it. Everything
 * after authentication (policy, audit, per-principal credentials) reads this, never the raw token.
 */
export interface Principal {
  readonly id: string;
  /** groups are the token's group claims plus the config's static memberships, deduplicated and sorted. */
  readonly groups: readonly string[];
  /** method says how the principal was established. */
  readonly method: 'anonymous' | 'jwt' | 'api-key';
  /**
   * key tells principals apart across credentials: two issuers may both have a subject "alice",
   * and they are not the same person. A session is bound to the key, not to the id.
   */
  readonly key: string;
  /** credentialId is the API key id or the token's issuer; null for anonymous access. */
  readonly credentialId: string | null;
  /** attributes are the values of the issuer's attributeClaims (e.g. email), for policy and secret templates. */
  readonly attributes: ReadonlyMap<string, string | readonly string[]>;
  /** claims are the verified token claims ({} for API keys and anonymous access); policy subjects match them by dotted path. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** scopes are the token's granted scopes (scope or scp claim). */
  readonly scopes: readonly string[];
  /** expiresAt is when the credential stops being valid, in epoch milliseconds, or null. */
  readonly expiresAt: number | null;
}

/** principalKey builds Principal.key. */
export function principalKey(method: Principal['method'], credentialId: string | null, id: string): string {
  return method === 'jwt' ? `jwt:${credentialId}:${id}` : `${method}:${id}`;
}

/** claimAt reads a claim by dotted path (realm_access.roles), or by its segments split once in advance; undefined when absent. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string | readonly string[]): unknown {
  let value: unknown = claims;
  for (const segment of typeof path === 'string' ? path.split('.') : path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** claimStrings reads a claim as a list of strings: a string, or the strings of an array; anything else is none. */
export function claimStrings(claims: Readonly<Record<string, unknown>>, path: string | readonly string[]): string[] {
  const value = claimAt(claims, path);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
