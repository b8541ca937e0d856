/**
 * Authenticator establishes who a request acts for: a bearer JWT from a configured issuer, an
 * API key, or (only where the config enables it) anonymous access. It decides the status and
 * WWW-Authenticate challenge of every refusal; the authenticate stage only relays them.
 */
import type { Logger } from '../log/logger.ts';
import { deepFreeze } from '../runtime/deep-freeze.ts';
import type { GroupRuntime, IssuerRuntime, Runtime } from '../runtime/runtime.ts';
import { ApiKeyVerifier } from './api-keys.ts';
import type { SecretSource } from '../secrets/secret-source.ts';
import { readCredential, type CredentialRequest } from './credentials.ts';
import { identityFromClaims, JwtVerifiers, selectIssuer, type TokenIdentity } from './jwt-verifier.ts';
import { principalKey, type Principal } from './principal.ts';
import { wwwAuthenticate, type BearerError } from './www-authenticate.ts';

/** AuthRefusal is a refused request: what to answer and what to log. */
export interface AuthRefusal {
  readonly ok: false;
  readonly status: 400 | 401 | 403;
  /** headers holds www-authenticate. */
  readonly headers: Record<string, string>;
  /** message is safe to show the client: it never contains the credential or why exactly it failed. */
  readonly message: string;
  /** reason is a short code for the gateway log and audit (expired, revoked, audience, ...). */
  readonly reason: string;
}

/** AuthOutcome is the principal of an accepted request, or the refusal. */
export type AuthOutcome = { readonly ok: true; readonly principal: Principal } | AuthRefusal;

interface CachedToken {
  readonly identity: TokenIdentity;
  readonly issuer: string;
  readonly validUntil: number;
  /**
   * principal is the Principal last built from this token, with the groups map it was built
   * against. Handing out the same object while the config's groups are unchanged lets
   * everything keyed by principal (the policy's profile lookup) hit its cache.
   */
  built?: { readonly groups: ReadonlyMap<string, GroupRuntime>; readonly principal: Principal };
}

interface PrincipalParts {
  readonly id: string;
  readonly method: Principal['method'];
  readonly credentialId: string | null;
  readonly groups: readonly string[];
  readonly attributes: ReadonlyMap<string, string | readonly string[]>;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly scopes: readonly string[];
  readonly expiresAt: number | null;
}

// A hot client should not pay a signature check per request, but a cached verification must
// not outlive the token, nor a key rotation by much: a minute bounds both.
const tokenCacheTtlMs = 60_000;
const tokenCacheCapacity = 10_000;

const messages = {
  tokenInQuery: 'Access tokens must not be sent in the query string; send them in the Authorization header',
  noCredential: 'Authentication required: send "Authorization: Bearer <token>"',
  invalidToken: 'The access token is invalid, expired or revoked',
  invalidApiKey: 'The API key is invalid, expired or revoked',
} as const;

const noAttributes: ReadonlyMap<string, string> = new Map();
const noClaims: Readonly<Record<string, unknown>> = Object.freeze({});
const noScopes: readonly string[] = Object.freeze([]);

/** Authenticator authenticates requests against the Runtime each request carries. */
export class Authenticator {
  readonly #logger: Logger;
  readonly #verifiers: JwtVerifiers;
  readonly #apiKeys: ApiKeyVerifier;
  // Keyed by the issuers list, not the whole Runtime: a cached verification depends only on
  // the issuers' settings. Revocations and static groups are applied on every request, hits
  // included, from the Runtime the request carries.
  #tokenCaches = new WeakMap<readonly IssuerRuntime[], Map<string, CachedToken>>();
  #seenIssuerLists = new WeakSet<readonly IssuerRuntime[]>();
  #groupIndexes = new WeakMap<ReadonlyMap<string, GroupRuntime>, ReadonlyMap<string, readonly string[]>>();
  // API key and anonymous principals depend only on the config: one object per key (or
  // anonymous setting) per Runtime, for the same reason as CachedToken.built.
  #configuredPrincipals = new WeakMap<object, Principal>();

  constructor(options: { readonly logger: Logger; readonly secrets: SecretSource }) {
    this.#logger = options.logger;
    this.#verifiers = new JwtVerifiers(options.logger);
    this.#apiKeys = new ApiKeyVerifier(options);
  }

  /** authenticate finds the principal of a request, or the refusal to answer with. */
  async authenticate(runtime: Runtime, request: CredentialRequest): Promise<AuthOutcome> {
    const credential = readCredential(request, runtime.auth.apiKeyHeader);
    switch (credential.kind) {
      case 'token-in-query':
        return this.#refuse(runtime, 400, 'token-in-query', messages.tokenInQuery, 'invalid_request');
      case 'malformed':
        // RFC 6750 §3.1: a malformed request is invalid_request, answered with 400.
        return this.#refuse(runtime, 400, 'malformed-credential', `Malformed credential: ${credential.problem}`, 'invalid_request');
      case 'none':
        return this.#anonymous(runtime);
      case 'jwt':
        return this.#authenticateToken(runtime, credential.token.reveal());
      case 'api-key':
        return this.#authenticateApiKey(runtime, credential.key.reveal());
    }
  }

  /** close drops every verifier, cached key set, cached token and resolved digest. */
  close(): void {
    this.#verifiers.clear();
    this.#apiKeys.clear();
    this.#tokenCaches = new WeakMap();
    this.#seenIssuerLists = new WeakSet();
    this.#configuredPrincipals = new WeakMap();
  }

  #anonymous(runtime: Runtime): AuthOutcome {
    const anonymous = runtime.auth.anonymous;
    // No error attribute: RFC 6750 §3.1 says a request without credentials gets a bare challenge.
    if (!anonymous) return this.#refuse(runtime, 401, 'no-credential', messages.noCredential);
    if (runtime.auth.revokedPrincipals.has(anonymous.principal)) return this.#refuse(runtime, 401, 'revoked', messages.noCredential);
    return {
      ok: true,
      principal: this.#configuredPrincipal(runtime, anonymous, {
        id: anonymous.principal,
        method: 'anonymous',
        credentialId: null,
        groups: anonymous.groups,
        attributes: noAttributes,
        claims: noClaims,
        scopes: noScopes,
        expiresAt: null,
      }),
    };
  }

  async #authenticateToken(runtime: Runtime, token: string): Promise<AuthOutcome> {
    const issuers = runtime.auth.issuers;
    if (issuers.length === 0) return this.#invalidToken(runtime, { reason: 'no-issuers', detail: 'no OIDC issuer is configured' });
    this.#noticeIssuers(issuers);

    const cache = this.#tokenCache(issuers);
    const now = Date.now();
    let cached = cache.get(token);
    if (cached && cached.validUntil <= now) {
      cache.delete(token);
      cached = undefined;
    }
    if (!cached) {
      const selected = selectIssuer(token, issuers);
      if (!selected.ok) return this.#invalidToken(runtime, selected);
      const issuer = selected.issuer;
      const verification = await this.#verifiers.forIssuer(issuer).verify(token, issuer);
      if (!verification.ok) return this.#invalidToken(runtime, verification, issuer.issuer);
      const identity = identityFromClaims(deepFreeze(verification.claims), issuer);
      if (!identity) {
        return this.#invalidToken(runtime, { reason: 'missing-claim', detail: `the principal claim ${issuer.principalClaim} is missing` }, issuer.issuer);
      }
      const missing = issuer.requiredScopes.filter((scope) => !identity.scopes.includes(scope));
      if (missing.length > 0) {
        // Not cached: a step-up brings a new token, and this one stays refused.
        this.#logger.debug({ reason: 'insufficient-scope', issuer: issuer.issuer, principal: identity.id, missing }, 'auth: request refused');
        return this.#refuse(runtime, 403, 'insufficient-scope', `The access token lacks required scopes: ${missing.join(' ')}`, 'insufficient_scope', issuer.requiredScopes.join(' '));
      }
      cached = { identity, issuer: issuer.issuer, validUntil: Math.min(identity.expiresAt + issuer.clockSkewMs, now + tokenCacheTtlMs) };
      // Clearing everything when full is crude but bounded and needs no LRU bookkeeping on the
      // hot path; a busy gateway refills the cache with one verification per active client.
      if (cache.size >= tokenCacheCapacity) cache.clear();
      cache.set(token, cached);
    }

    const { identity } = cached;
    if (runtime.auth.revokedPrincipals.has(identity.id)) {
      return this.#invalidToken(runtime, { reason: 'revoked', detail: `principal ${identity.id} is revoked` }, cached.issuer);
    }
    if (cached.built?.groups !== runtime.groups) {
      cached.built = { groups: runtime.groups, principal: this.#principal(runtime, { ...identity, method: 'jwt', credentialId: cached.issuer }) };
    }
    return { ok: true, principal: cached.built.principal };
  }

  #authenticateApiKey(runtime: Runtime, presented: string): AuthOutcome {
    const verification = this.#apiKeys.verify(runtime, presented);
    if (!verification.ok) {
      return this.#invalidApiKey(runtime, verification.reason, verification.reason === 'expired' ? verification.keyId : null);
    }
    const key = verification.key;
    if (runtime.auth.revokedApiKeys.has(key.id) || runtime.auth.revokedPrincipals.has(key.principal)) {
      return this.#invalidApiKey(runtime, 'revoked', key.id);
    }
    return {
      ok: true,
      principal: this.#configuredPrincipal(runtime, key, {
        id: key.principal,
        method: 'api-key',
        credentialId: key.id,
        groups: key.groups,
        attributes: noAttributes,
        claims: noClaims,
        scopes: noScopes,
        expiresAt: key.expiresAt,
      }),
    };
  }

  #configuredPrincipal(runtime: Runtime, setting: object, parts: PrincipalParts): Principal {
    let principal = this.#configuredPrincipals.get(setting);
    if (!principal) this.#configuredPrincipals.set(setting, (principal = this.#principal(runtime, parts)));
    return principal;
  }

  #principal(runtime: Runtime, parts: PrincipalParts): Principal {
    const groups = new Set(parts.groups);
    for (const group of this.#staticGroups(runtime.groups).get(parts.id) ?? []) groups.add(group);
    return Object.freeze({
      id: parts.id,
      groups: Object.freeze([...groups].sort()),
      method: parts.method,
      key: principalKey(parts.method, parts.credentialId, parts.id),
      credentialId: parts.credentialId,
      attributes: parts.attributes,
      claims: parts.claims,
      scopes: Object.freeze([...parts.scopes]),
      expiresAt: parts.expiresAt,
    });
  }

  // Static memberships are indexed once per config: member id → the groups that list it.
  #staticGroups(groups: ReadonlyMap<string, GroupRuntime>): ReadonlyMap<string, readonly string[]> {
    let index = this.#groupIndexes.get(groups);
    if (!index) {
      const byMember = new Map<string, string[]>();
      for (const group of groups.values()) {
        for (const member of group.members) byMember.set(member, [...(byMember.get(member) ?? []), group.name]);
      }
      index = byMember;
      this.#groupIndexes.set(groups, index);
    }
    return index;
  }

  #tokenCache(issuers: readonly IssuerRuntime[]): Map<string, CachedToken> {
    let cache = this.#tokenCaches.get(issuers);
    if (!cache) {
      cache = new Map();
      this.#tokenCaches.set(issuers, cache);
    }
    return cache;
  }

  // The first request under a new config drops the verifiers of issuers it no longer has. A
  // request still running under the old config simply builds its verifier again.
  #noticeIssuers(issuers: readonly IssuerRuntime[]): void {
    if (this.#seenIssuerLists.has(issuers)) return;
    this.#seenIssuerLists.add(issuers);
    this.#verifiers.retainOnly(issuers);
  }

  /*
   * keys-unavailable (the issuer's JWKS or discovery document cannot be fetched) is answered
   * like any other bad token, 401 invalid_token, and the verifier logs it at warn. A 503 would
   * say more plainly that the gateway is at fault, but without the keys the gateway cannot tell
   * a genuine token from a forged one, and "not authenticated" is exactly what 401 means; Envoy's
   * jwt_authn answers 401 for a failed JWKS fetch too. It also keeps refusals in one family
   * (400/401/403) that the authenticate stage relays as they are. The cost: a client may try a
   * token refresh it did not need. Operators see the outage in the warning.
   */
  #invalidToken(runtime: Runtime, failure: { readonly reason: string; readonly detail: string }, issuer?: string): AuthRefusal {
    this.#logger.debug({ reason: failure.reason, issuer, detail: failure.detail }, 'auth: request refused');
    return this.#refuse(runtime, 401, failure.reason, messages.invalidToken, 'invalid_token');
  }

  #invalidApiKey(runtime: Runtime, reason: string, keyId: string | null): AuthRefusal {
    this.#logger.debug({ reason, apiKey: keyId }, 'auth: request refused');
    return this.#refuse(runtime, 401, reason, messages.invalidApiKey, 'invalid_token');
  }

  #refuse(runtime: Runtime, status: AuthRefusal['status'], reason: string, message: string, error?: BearerError, scope?: string): AuthRefusal {
    const challenge = wwwAuthenticate(runtime, error ? { error, description: message, ...(scope ? { scope } : {}) } : {});
    return { ok: false, status, headers: { 'www-authenticate': challenge }, message, reason };
  }
}
