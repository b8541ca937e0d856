/**
 * Reading the credential a request presents, without judging it: which kind it is and where it
 * came from. Verification is the job of jwt-verifier.ts and api-keys.ts.
 */
import { SecretValue } from '../secrets/secret-value.ts';

/** CredentialRequest is the little of a request this module reads; header names are lower-case. */
export interface CredentialRequest {
  header(name: string): string | undefined;
  /** query is the raw query string without the leading `?`. */
  readonly query: string;
}

/** Credential is what a request presents. */
export type Credential =
  | { readonly kind: 'none' }
  | { readonly kind: 'jwt'; readonly token: SecretValue }
  | { readonly kind: 'api-key'; readonly key: SecretValue; readonly source: 'authorization' | 'header' }
  /** malformed carries a client-facing explanation that never quotes the header. */
  | { readonly kind: 'malformed'; readonly problem: string }
  | { readonly kind: 'token-in-query' };

// A JWS in compact serialisation. The signature may be empty so that an unsecured (alg none)
// token is still judged as a JWT and refused for its algorithm rather than as an unknown API key.
const compactJwsPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** readCredential finds the one credential a request presents, or says why it cannot be used. */
export function readCredential(request: CredentialRequest, apiKeyHeader: string): Credential {
  // OAuth 2.1 and MCP forbid tokens in the URI (they end up in proxy and server logs); refusing
  // even when a header is also present makes clients fix the leak instead of getting away with it.
  if (request.query !== '' && new URLSearchParams(request.query).has('access_token')) return { kind: 'token-in-query' };

  const authorization = request.header('authorization');
  const apiKey = request.header(apiKeyHeader.toLowerCase());
  if (authorization !== undefined && apiKey !== undefined) {
    return { kind: 'malformed', problem: `send one credential, either the Authorization header or the ${apiKeyHeader} header, not both` };
  }
  if (apiKey !== undefined) {
    const key = apiKey.trim();
    if (key === '') return { kind: 'malformed', problem: `the ${apiKeyHeader} header is empty` };
    return { kind: 'api-key', key: new SecretValue(key), source: 'header' };
  }
  if (authorization === undefined) return { kind: 'none' };

  // RFC 6750 §2.1: the scheme is case-insensitive, and the token (b64token) has no white space.
  const text = authorization.trim();
  const space = text.search(/[ \t]/);
  const scheme = space < 0 ? text : text.slice(0, space);
  const value = space < 0 ? '' : text.slice(space).trim();
  if (scheme.toLowerCase() !== 'bearer') {
    return { kind: 'malformed', problem: 'the Authorization header must use the Bearer scheme: "Authorization: Bearer <token>"' };
  }
  if (value === '') return { kind: 'malformed', problem: 'the Authorization header carries an empty bearer token' };
  if (/\s/.test(value)) return { kind: 'malformed', problem: 'the bearer token contains white space' };
  return compactJwsPattern.test(value)
    ? { kind: 'jwt', token: new SecretValue(value) }
    : { kind: 'api-key', key: new SecretValue(value), source: 'authorization' };
}
