/**
 * SecretSource is what resolving a template needs: the current value of a reference, from a
 * cache, without waiting. SecretStore is the gateway's; tests and the CLI may pass their own.
 */
import type { SecretReference } from './reference.ts';
import type { SecretValue } from './secret-value.ts';

export interface SecretSource {
  /**
   * value returns the reference's value; undefined for an `env:` variable that is not set (the
   * documented "leave this header out"); throws SecretUnavailableError when there is none.
   */
  value(reference: SecretReference): SecretValue | undefined;
  /** generation increases whenever a value may have changed, so derived caches know to recompute. */
  readonly generation: number;
}

/** SecretUnavailableError says which reference could not be resolved and why; it never holds a value. */
export class SecretUnavailableError extends Error {
  readonly code = 'PCX_ERR_SECRET_UNAVAILABLE';
  constructor(
    readonly reference: string,
    readonly reason: string,
    /** notFound is set when the provider says the secret does not exist. */
    readonly notFound = false,
  ) {
    super(`secret ${reference} is unavailable: ${reason}`);
  }
}
