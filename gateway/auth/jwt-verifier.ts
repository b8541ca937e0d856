/**
 * Verifying bearer JWTs against the configured issuers with jose, and turning verified claims
 * into the parts of a principal. Signing keys come from each issuer's JWKS, found directly or
 * by OIDC discovery, and are cached by jose; the verifiers outlive config reloads so that the
 * key caches do too.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { Logger } from '../log/logger.ts';
import type { IssuerRuntime } from '../runtime/runtime.ts';
import { claimAt, claimStrings } from './principal.ts';

/** JwtFailureReason is why a token was refused, for logs and audit; clients never see it. */
export type JwtFailureReason =
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'malformed'
  | 'missing-claim'
  | 'keys-unavailable';

/** JwtFailure is a refused token; detail is for the gateway log and never contains the token. */
export interface JwtFailure {
  readonly ok: false;
  readonly reason: JwtFailureReason;
  readonly detail: string;
}

/** JwtVerification is the outcome of verifying one token. */
export type JwtVerification = { readonly ok: true; readonly claims: JWTPayload } | JwtFailure;

/** TokenIdentity is what a verified token says about its bearer. */
export interface TokenIdentity {
  readonly id: string;
  /** groups are the values of the issuer's groupClaims only; static memberships are added later. */
  readonly groups: readonly string[];
  readonly attributes: ReadonlyMap<string, string | readonly string[]>;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

/** KeySource is the part of an issuer's settings that decides how its keys are fetched and cached. */
export type KeySource = Pick<IssuerRuntime, 'issuer' | 'jwksUrl' | 'jwksCacheTtlMs' | 'jwksCooldownMs'>;

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

const discoveryTimeoutMs = 5_000;
const maxDetailLength = 200;

/** KeysUnavailableError marks a failure to obtain signing keys: the gateway's problem, not the token's. */
class KeysUnavailableError extends Error {}

function failure(reason: JwtFailureReason, detail: string): JwtFailure {
  return { ok: false, reason, detail: detail.slice(0, maxDetailLength) };
}

/**
 * selectIssuer picks the configured issuer named by the token's (not yet verified) iss claim.
 * Verification then checks iss again with the signature, so a forged iss only selects which
 * keys the token is checked against.
 */
export function selectIssuer(
  token: string,
  issuers: readonly IssuerRuntime[],
): { readonly ok: true; readonly issuer: IssuerRuntime } | JwtFailure {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (error) {
    return failure('malformed', errorCode(error));
  }
  if (typeof iss !== 'string') return failure('malformed', 'the token has no iss claim');
  const issuer = issuers.find((candidate) => candidate.issuer === iss);
  return issuer ? { ok: true, issuer } : failure('issuer', `no configured issuer is ${JSON.stringify(iss)}`);
}

/** JwtVerifier checks tokens of one issuer, keeping that issuer's signing keys cached. */
export class JwtVerifier {
  readonly #source: KeySource;
  readonly #logger: Logger;
  #keySet: RemoteKeySet | undefined;
  #discovery: Promise<RemoteKeySet> | undefined;
  #keysFailing = false;
  #lastUnknownKeyRefetch = Number.NEGATIVE_INFINITY;

  constructor(source: KeySource, logger: Logger) {
    this.#source = source;
    this.#logger = logger;
    if (source.jwksUrl !== null) this.#keySet = this.#remoteKeySet(source.jwksUrl);
  }

  /** verify checks signature, issuer, audience, algorithm and lifetime with the issuer's current settings. */
  async verify(token: string, issuer: IssuerRuntime): Promise<JwtVerification> {
    const options: JWTVerifyOptions = {
      issuer: issuer.issuer,
      audience: [...issuer.audiences],
      algorithms: [...issuer.algorithms],
      clockTolerance: issuer.clockSkewMs / 1_000,
      // A token without exp would be valid forever; the MCP SDK's bearer middleware refuses it too.
      requiredClaims: ['exp'],
    };
    try {
      return { ok: true, claims: (await jwtVerify(token, this.#getKey, options)).payload };
    } catch (error) {
      if (error instanceof errors.JWKSMultipleMatchingKeys) return verifyWithCandidates(token, error, options);
      return classify(error);
    }
  }

  // jwtVerify checks the algorithm before it asks for a key, so alg none and HMAC tokens never
  // cause a key fetch.
  readonly #getKey: JWTVerifyGetKey = async (header, token) => {
    const keySet = await this.#keys();
    try {
      const key = await this.#lookUp(keySet, header, token);
      this.#keysAvailable();
      return key;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) {
        this.#keysAvailable();
        throw error;
      }
      throw this.#keysUnavailable(`the key set could not be fetched (${errorCode(error)})`);
    }
  };

  /*
   * A kid missing from the cached set may be a key the issuer has just rotated in, so it causes
   * a refetch, but at most one per jwksCooldown, counted from the previous refetch of this kind
   * (the schema's meaning). jose's own cooldown counts from any fetch, which would refuse a
   * freshly rotated key for up to 30 s after an ordinary fetch; it is switched off (Infinity)
   * and this method does the job. A forged kid still costs at most one fetch per cooldown.
   */
  async #lookUp(keySet: RemoteKeySet, header: Parameters<JWTVerifyGetKey>[0], token: Parameters<JWTVerifyGetKey>[1]): Promise<Awaited<ReturnType<JWTVerifyGetKey>>> {
    // A set that is missing or stale is fetched by this very lookup: nothing newer to find then.
    const fetchesNow = !keySet.fresh;
    try {
      return await keySet(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (fetchesNow) this.#lastUnknownKeyRefetch = Date.now();
      if (keySet.reloading) {
        await keySet.reload(); // joins the fetch under way instead of starting another
      } else if (Date.now() - this.#lastUnknownKeyRefetch >= this.#source.jwksCooldownMs) {
        this.#lastUnknownKeyRefetch = Date.now();
        await keySet.reload();
      } else {
        throw error;
      }
      return keySet(header, token);
    }
  }

  #keys(): Promise<RemoteKeySet> {
    if (this.#keySet) return Promise.resolve(this.#keySet);
    // Concurrent first requests share one discovery; a failed one is forgotten so the next
    // request tries again rather than the issuer staying broken until a reload.
    this.#discovery ??= discoverJwksUri(this.#source.issuer).then(
      (jwksUri) => (this.#keySet = this.#remoteKeySet(jwksUri)),
      (error: unknown) => {
        this.#discovery = undefined;
        throw this.#keysUnavailable(`OIDC discovery failed (${errorCode(error)}: ${error instanceof Error ? error.message : 'error'})`);
      },
    );
    return this.#discovery;
  }

  #remoteKeySet(url: string): RemoteKeySet {
    // jose refetches once the set is older than cacheMaxAge; unknown kids are #lookUp's business.
    return createRemoteJWKSet(new URL(url), { cacheMaxAge: this.#source.jwksCacheTtlMs, cooldownDuration: Number.POSITIVE_INFINITY });
  }

  // One warning per outage, not one per request: an unreachable IdP under load would otherwise
  // flood the log.
  #keysUnavailable(detail: string): KeysUnavailableError {
    if (!this.#keysFailing) {
      this.#keysFailing = true;
      this.#logger.warn({ issuer: this.#source.issuer, jwksUrl: this.#source.jwksUrl, detail }, 'auth: the signing keys of an issuer are unavailable; its tokens are refused');
    }
    return new KeysUnavailableError(detail);
  }

  #keysAvailable(): void {
    if (!this.#keysFailing) return;
    this.#keysFailing = false;
    this.#logger.info({ issuer: this.#source.issuer }, 'auth: the signing keys of an issuer are available again');
  }
}

/**
 * JwtVerifiers keeps one verifier per key source, so a reload that leaves an issuer's key
 * settings unchanged keeps its verifier and the signing keys it already fetched.
 */
export class JwtVerifiers {
  readonly #logger: Logger;
  readonly #verifiers = new Map<string, JwtVerifier>();

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** forIssuer returns the verifier for the issuer's key settings, creating it on first use. */
  forIssuer(issuer: IssuerRuntime): JwtVerifier {
    const key = keySourceKey(issuer);
    let verifier = this.#verifiers.get(key);
    if (!verifier) {
      verifier = new JwtVerifier(issuer, this.#logger);
      this.#verifiers.set(key, verifier);
    }
    return verifier;
  }

  /** retainOnly drops the verifiers of issuers a new config no longer has. */
  retainOnly(issuers: readonly IssuerRuntime[]): void {
    const kept = new Set(issuers.map(keySourceKey));
    for (const key of this.#verifiers.keys()) if (!kept.has(key)) this.#verifiers.delete(key);
  }

  /** clear drops every verifier and its cached keys. */
  clear(): void {
    this.#verifiers.clear();
  }
}

/** identityFromClaims reads the principal parts from verified claims; null when the principal claim is missing. */
export function identityFromClaims(claims: JWTPayload, issuer: IssuerRuntime): TokenIdentity | null {
  const id = claimStrings(claims, issuer.principalClaim)[0];
  if (id === undefined || id === '') return null;
  const attributes = new Map<string, string | readonly string[]>();
  for (const [name, path] of issuer.attributeClaims) {
    const value = claimAt(claims, path);
    if (typeof value === 'string') attributes.set(name, value);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) attributes.set(name, Object.freeze([...value]));
  }
  return {
    id,
    groups: [...new Set(issuer.groupClaims.flatMap((path) => claimStrings(claims, path)))],
    attributes,
    claims,
    scopes: scopesOf(claims),
    // requiredClaims makes exp present; jose has checked it is a number.
    expiresAt: (claims.exp as number) * 1_000,
  };
}

// RFC 8693/9068 use a space-separated scope string; Azure AD and Okta also send scp, as a string or an array.
function scopesOf(claims: JWTPayload): string[] {
  const scopes = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') for (const scope of value.split(' ')) if (scope) scopes.add(scope);
    if (Array.isArray(value)) for (const item of value) add(typeof item === 'string' ? item : undefined);
  };
  add(claims.scope);
  add(claims.scp);
  return [...scopes];
}

function keySourceKey(source: KeySource): string {
  return JSON.stringify([source.issuer, source.jwksUrl, source.jwksCacheTtlMs, source.jwksCooldownMs]);
}

async function discoverJwksUri(issuer: string): Promise<string> {
  // OIDC Discovery §4: the well-known path is appended to the issuer, without a doubled slash.
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
    redirect: 'manual',
    signal: AbortSignal.timeout(discoveryTimeoutMs),
  });
  if (response.status !== 200) throw new Error(`the discovery document answered HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  // OIDC Discovery §4.3: a document for another issuer must not be trusted for this one.
  if (document.issuer !== issuer) throw new Error('the discovery document names another issuer');
  if (typeof document.jwks_uri !== 'string' || !/^https?:\/\//.test(document.jwks_uri)) throw new Error('the discovery document has no http(s) jwks_uri');
  return document.jwks_uri;
}

// An IdP that publishes several keys without kid makes jose find more than one candidate; each
// is tried in turn, as jose's documentation recommends.
async function verifyWithCandidates(token: string, candidates: errors.JWKSMultipleMatchingKeys, options: JWTVerifyOptions): Promise<JwtVerification> {
  let last: unknown = candidates;
  for await (const key of candidates) {
    try {
      return { ok: true, claims: (await jwtVerify(token, key, options)).payload };
    } catch (error) {
      last = error;
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  return classify(last);
}

function classify(error: unknown): JwtFailure {
  if (error instanceof KeysUnavailableError) return failure('keys-unavailable', error.message);
  if (error instanceof errors.JWTExpired) return failure('expired', error.message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return failure('missing-claim', error.message);
    if (error.claim === 'nbf') return failure('not-yet-valid', error.message);
    if (error.claim === 'aud') return failure('audience', error.message);
    if (error.claim === 'iss') return failure('issuer', error.message);
    return failure('malformed', error.message);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return failure('algorithm', error.message);
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSMultipleMatchingKeys) return failure('signature', error.message);
  if (error instanceof errors.JWKSNoMatchingKey) return failure('unknown-key', error.message);
  return failure('malformed', errorCode(error));
}

// Codes and names only: a message of an unexpected error could quote its input.
function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return 'unknown error';
}
