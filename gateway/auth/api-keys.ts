/**
 * Verifying API keys. The config holds, per key, a secret reference to the key's SHA-256 hex
 * digest; the gateway never sees the keys themselves until a client presents one. Digests are
 * resolved from the secret store once per config and again whenever the store's values change,
 * so a digest rotated in AWS or in a mounted file takes effect without a reload.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import type { ApiKeyRuntime, AuthRuntime, Runtime } from '../runtime/runtime.ts';
import type { SecretReference } from '../secrets/reference.ts';
import { resolveTemplate } from '../secrets/resolve-template.ts';
import { SecretUnavailableError, type SecretSource } from '../secrets/secret-source.ts';
import type { Template } from '../secrets/template.ts';

/** ApiKeyVerification is the outcome of checking one presented key. */
export type ApiKeyVerification =
  | { readonly ok: true; readonly key: ApiKeyRuntime }
  | { readonly ok: false; readonly reason: 'unknown-api-key' }
  | { readonly ok: false; readonly reason: 'expired'; readonly keyId: string };

interface UsableKey {
  readonly key: ApiKeyRuntime;
  readonly digest: Buffer;
}

interface ResolvedKeys {
  usable: readonly UsableKey[];
  /** generation is the secret source's generation the digests were resolved at. */
  generation: number;
  /** warned holds the ids of keys already reported unusable under this config. */
  readonly warned: Set<string>;
}

const sha256Hex = /^[0-9a-fA-F]{64}$/;

/** ApiKeyVerifier checks presented keys against the digests of the Runtime's configured keys. */
export class ApiKeyVerifier {
  readonly #logger: Logger;
  readonly #secrets: SecretSource;
  #resolved = new WeakMap<AuthRuntime, ResolvedKeys>();

  constructor(options: { readonly logger: Logger; readonly secrets: SecretSource }) {
    this.#logger = options.logger;
    this.#secrets = options.secrets;
  }

  /** verify finds the configured key the presented one hashes to, if any, and checks its expiry. */
  verify(runtime: Runtime, presented: string, now: number = Date.now()): ApiKeyVerification {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: ApiKeyRuntime | undefined;
    // Every digest is compared, with no early exit, so the time taken does not reveal which
    // key (or how close a guess) matched.
    for (const candidate of this.#usableKeys(runtime)) {
      if (timingSafeEqual(digest, candidate.digest) && match === undefined) match = candidate.key;
    }
    if (match === undefined) return { ok: false, reason: 'unknown-api-key' };
    if (match.expiresAt !== null && match.expiresAt < now) return { ok: false, reason: 'expired', keyId: match.id };
    return { ok: true, key: match };
  }

  /** clear forgets every resolved digest. */
  clear(): void {
    this.#resolved = new WeakMap();
  }

  #usableKeys(runtime: Runtime): readonly UsableKey[] {
    const auth = runtime.auth;
    if (auth.apiKeys.length === 0) return [];
    let resolved = this.#resolved.get(auth);
    if (!resolved) {
      resolved = { usable: [], generation: -1, warned: new Set() };
      this.#resolved.set(auth, resolved);
    }
    if (resolved.generation !== this.#secrets.generation) {
      resolved.generation = this.#secrets.generation;
      resolved.usable = this.#resolveAll(runtime, resolved.warned);
    }
    return resolved.usable;
  }

  #resolveAll(runtime: Runtime, warned: Set<string>): UsableKey[] {
    const usable: UsableKey[] = [];
    for (const key of runtime.auth.apiKeys) {
      const result = resolveDigest(key.hash, this.#secrets);
      if (result.ok) {
        usable.push({ key, digest: result.digest });
      } else if (!warned.has(key.id)) {
        warned.add(key.id);
        this.#logger.warn({ apiKey: key.id, reference: key.hash.text, problem: result.problem }, 'auth: an API key is unusable because its digest cannot be resolved; requests with it are refused');
      }
    }
    return usable;
  }
}

function resolveDigest(reference: SecretReference, secrets: SecretSource): { readonly ok: true; readonly digest: Buffer } | { readonly ok: false; readonly problem: string } {
  // resolveTemplate is the one place references are resolved; a bare reference is a template
  // with a single slot.
  const template: Template = { parts: [{ references: [reference] }], literalText: '', references: [reference] };
  let value: string | undefined;
  try {
    value = resolveTemplate(template, secrets);
  } catch (error) {
    if (error instanceof SecretUnavailableError) return { ok: false, problem: error.message };
    return { ok: false, problem: `the secret could not be resolved (${error instanceof Error ? error.name : 'error'})` };
  }
  if (value === undefined) return { ok: false, problem: 'the environment variable it names is not set' };
  const hex = value.trim();
  // The value is never quoted here: even a wrong one may be a key pasted in by mistake.
  if (!sha256Hex.test(hex)) return { ok: false, problem: 'the secret is not a SHA-256 hex digest (64 hexadecimal characters)' };
  return { ok: true, digest: Buffer.from(hex, 'hex') };
}
