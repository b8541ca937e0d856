/**
 * The WWW-Authenticate challenge of a refused request: RFC 6750 §3 error attributes plus the
 * RFC 9728 resource_metadata pointer MCP clients start their authorization flow from.
 */
import type { Runtime } from '../runtime/runtime.ts';
import { resourceMetadataUrl } from './protected-resource-metadata.ts';

/** BearerError is an RFC 6750 §3.1 error code. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** ChallengeDetails are the optional attributes of a challenge. */
export interface ChallengeDetails {
  readonly error?: BearerError;
  readonly description?: string;
  /** scope is the space-separated scopes the request needs. */
  readonly scope?: string;
}

/**
 * wwwAuthenticate builds the header value. A request that presented no credential gets no error
 * attribute (RFC 6750 §3.1: the client simply has not tried yet).
 */
export function wwwAuthenticate(runtime: Runtime, details: ChallengeDetails = {}): string {
  const attributes: [string, string][] = [['resource_metadata', resourceMetadataUrl(runtime)]];
  if (details.error) attributes.push(['error', details.error]);
  if (details.description) attributes.push(['error_description', details.description]);
  if (details.scope) attributes.push(['scope', details.scope]);
  return 'Bearer ' + attributes.map(([name, value]) => `${name}=${quoted(value)}`).join(', ');
}

// RFC 6750 limits error_description and scope to printable ASCII without " and \; escaping them
// as an RFC 9110 quoted-string and dropping anything else keeps the header parseable whatever
// the text, and keeps control characters from splitting it.
function quoted(value: string): string {
  return `"${value.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '\\$&')}"`;
}
