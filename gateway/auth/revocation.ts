/**
 * isRevoked tells whether the config's revocation list refuses a principal: by its id, or, for
 * a principal that came with an API key, by the key's id. The authenticator refuses such
 * requests; the gateway ends their open sessions when a reload revokes them.
 */
import type { AuthRuntime } from '../runtime/runtime.ts';
import type { Principal } from './principal.ts';

export function isRevoked(auth: AuthRuntime, principal: Principal): boolean {
  if (auth.revokedPrincipals.has(principal.id)) return true;
  return principal.method === 'api-key' && principal.credentialId !== null && auth.revokedApiKeys.has(principal.credentialId);
}
