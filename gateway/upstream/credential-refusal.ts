/**
 * isCredentialRefusal tells an upstream's 401 or 403 (its answer to the credential the gateway
 * sent) from other failures. The HTTP transports reject with UpstreamHttpError; the peer wraps
 * it into the client-facing error and keeps it as `cause`.
 */
import { UpstreamHttpError } from './streamable-http-transport.ts';

export function isCredentialRefusal(error: unknown): boolean {
  const refusal = error instanceof UpstreamHttpError ? error : (error as { cause?: unknown } | undefined)?.cause;
  return refusal instanceof UpstreamHttpError && (refusal.status === 401 || refusal.status === 403);
}
