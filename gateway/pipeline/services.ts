/**
 * GatewayServices are the long-lived parts the stages use: sessions, upstream connections,
 * the merged catalog and the log. The gateway implements it; stages depend on this interface
 * only, so a stage can be tested with a small fake.
 */
import type { Logger } from '../log/logger.ts';
import type { CatalogView } from '../aggregate/catalog-view.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { SessionStore } from '../session/session-store.ts';
import type { UpstreamConnection } from '../upstream/upstream-connection.ts';

export interface GatewayServices {
  readonly sessions: SessionStore;
  readonly logger: Logger;
  /** pageSize is how many entries one page of a merged list holds. */
  readonly pageSize: number;
  upstream(serverId: string): UpstreamConnection | undefined;
  /** view returns the merged catalog for a runtime and the current state of the upstreams. */
  view(runtime: Runtime): CatalogView;
  /** capabilities returns the gateway's server capabilities: the union of the upstreams'. */
  capabilities(runtime: Runtime): Record<string, unknown>;
  /** instructions joins the upstreams' instructions, each under its server id. */
  instructions(runtime: Runtime): string | undefined;
}
