/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): the document that tells an MCP client which
 * authorization servers issue tokens for this gateway, and where that document lives.
 */
import type { Runtime } from '../runtime/runtime.ts';

const wellKnownPath = '/.well-known/oauth-protected-resource';

/** ProtectedResourceMetadata is the RFC 9728 document the gateway serves. */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers: readonly string[];
  readonly bearer_methods_supported: readonly string[];
  readonly scopes_supported?: readonly string[];
  readonly resource_name: string;
}

/**
 * resourceMetadataUrl is where clients fetch the metadata: the well-known path inserted between
 * the public URL's origin and its path (RFC 9728 §3.1), so that several resources on one host
 * each have their own document. A public URL without a path gets the bare well-known path.
 */
export function resourceMetadataUrl(runtime: Runtime): string {
  const url = new URL(runtime.gateway.publicUrl);
  return `${url.origin}${wellKnownPath}${insertedSuffix(url.pathname)}${url.search}`;
}

/**
 * metadataPaths lists the request paths the metadata is served on: the bare well-known path
 * (clients that probe the root), the path-inserted form of the public URL (what 401 answers
 * point to), and the path-inserted form of mcpPath, which differs when a reverse proxy
 * publishes the gateway under another path and strips the prefix before forwarding.
 */
export function metadataPaths(runtime: Runtime): readonly string[] {
  const publicPath = new URL(runtime.gateway.publicUrl).pathname;
  return [...new Set([wellKnownPath, wellKnownPath + insertedSuffix(publicPath), wellKnownPath + insertedSuffix(runtime.gateway.mcpPath)])];
}

/** protectedResourceMetadata builds the document for the given Runtime. */
export function protectedResourceMetadata(runtime: Runtime): ProtectedResourceMetadata {
  const scopes = [...new Set(runtime.auth.issuers.flatMap((issuer) => issuer.requiredScopes))].sort();
  return {
    resource: runtime.gateway.publicUrl,
    authorization_servers: [...new Set(runtime.auth.issuers.map((issuer) => issuer.issuer))],
    // Only the header: RFC 6750's form-body and query methods are refused (MCP authorization).
    bearer_methods_supported: ['header'],
    ...(scopes.length > 0 ? { scopes_supported: scopes } : {}),
    resource_name: 'Portcullis MCP gateway',
  };
}

function insertedSuffix(pathname: string): string {
  return pathname === '/' || pathname === '' ? '' : pathname;
}
