/**
 * The one small interface every secret provider implements. A provider turns references into
 * outcomes, one per reference, and never throws for a single bad reference: one missing secret
 * must not hide the others fetched with it.
 */
import type { SecretReference } from './reference.ts';
import type { SecretValue } from './secret-value.ts';

/**
 * SecretFault says why a reference has no value. `transient` faults (network, throttling, 5xx)
 * leave a cached value in use; the others (no such secret, no such key, access denied) are
 * answers, and a cold start reports them against the servers that need the secret.
 */
export interface SecretFault {
  /** reason is phrased for an operator and names no value. */
  readonly reason: string;
  readonly transient: boolean;
  /** notFound is set when the provider says the secret does not exist (for "not provisioned for you"). */
  readonly notFound?: boolean;
}

export type SecretOutcome = { readonly value: SecretValue } | { readonly fault: SecretFault };

export interface SecretProvider {
  /** fetch reads the current value of each reference, keyed by the reference's text. */
  fetch(references: readonly SecretReference[]): Promise<Map<string, SecretOutcome>>;
}

/** selectJsonKey returns the key of a JSON secret, or the whole text when no key is asked for. */
export function selectJsonKey(text: string, jsonKey: string | undefined): SecretOutcome | string {
  if (jsonKey === undefined) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { fault: { reason: 'the secret is not JSON, so it has no key to select', transient: false } };
  }
  const value = (parsed as Record<string, unknown> | null)?.[jsonKey];
  if (typeof value !== 'string') return { fault: { reason: `the JSON secret has no string key ${JSON.stringify(jsonKey)}`, transient: false } };
  return value;
}
