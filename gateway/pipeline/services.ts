/**
 * GatewayServices are the long-lived parts the stages use: sessions, upstream connections,
 * the merged catalog, the authenticator and the log. The gateway implements it; stages depend on this interface
 * only, so a stage can be tested with a small fake.
 */
import type { Authenticator } from '../auth/authenticator.ts';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { CatalogView } from '../aggregate/catalog-view.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { SessionStore } from '../session/session-store.ts';
import type { SubscriptionRegistry } from '../session/subscription-registry.ts';
import type { UpstreamConnection } from '../upstream/upstream-connection.ts';

export interface GatewayServices {
  readonly sessions: SessionStore;
  readonly subscriptions: SubscriptionRegistry;
  /** stopping is true once shutdown began: new requests are refused, answers to the gateway's own requests still accepted. */
  readonly stopping: boolean;
  /** callsByPrincipal counts calls in flight per principal id, across sessions. */
  readonly callsByPrincipal: Map<string, number>;
  readonly logger: Logger;
  /** authenticator verifies credentials; its key caches outlive config reloads. */
  readonly authenticator: Authenticator;
  /** pageSize is how many entries one page of a merged list holds. */
  readonly pageSize: number;
  upstream(serverId: string): UpstreamConnection | undefined;
  /** connectionFor is the connection serving `principal`'s calls (its own instance on a per-principal server). */
  connectionFor(serverId: string, principal: Principal): Promise<UpstreamConnection | undefined>;
  /** refreshCredentials refetches the secrets a server uses for `principal` unless fetched after `since`. */
  refreshCredentials(serverId: string, principal: Principal, since: number): Promise<void>;
  /** prepareCatalogs connects `principal` to per-principal servers whose catalogs are not known yet. */
  prepareCatalogs(principal: Principal): Promise<void>;
  /** view returns the merged catalog for a runtime and the current state of the upstreams. */
  view(runtime: Runtime): CatalogView;
  /** capabilities returns the gateway's server capabilities: the union of the upstreams'. */
  capabilities(runtime: Runtime): Record<string, unknown>;
  /** instructions joins the upstreams' instructions, each under its server id. */
  instructions(runtime: Runtime): string | undefined;
}
