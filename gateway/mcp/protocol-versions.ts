/**
 * The MCP revisions the client-facing endpoint speaks. 2024-11-05 is listed because clients of
 * the deprecated HTTP+SSE transport negotiate it.
 */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** negotiateVersion answers the client's requested revision if supported, else the latest (the client then decides). */
export function negotiateVersion(requested: unknown): string {
  return typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
}
