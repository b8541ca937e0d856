/**
 * SecretValue holds a credential: an upstream secret fetched from a provider, or a token or key a
 * client presented. Printing, logging, serialising or inspecting it shows a redaction, so a value
 * handed to a logger, an error or a JSON dump by mistake cannot leak; only reveal() gives the
 * value, and only the code that must use it (a header, a child's environment, a verifier) calls it.
 */
import { inspect } from 'node:util';

const redacted = '[redacted]';

export class SecretValue {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** reveal returns the secret itself, for the one place that sends or verifies it. */
  reveal(): string {
    return this.#value;
  }

  /** equals compares two values without revealing either to the caller. */
  equals(other: SecretValue): boolean {
    return this.#value === other.#value;
  }

  toString(): string {
    return redacted;
  }

  toJSON(): string {
    return redacted;
  }

  [inspect.custom](): string {
    return redacted;
  }
}
