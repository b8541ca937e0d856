/**
 * PrincipalCatalog is the merged catalog as one access profile sees it: only what the policy
 * lets it use, tool schemas narrowed to the argument values it may pass. Principals whose
 * matching rules are the same share an AccessProfile, so this is built once per distinct
 * profile and catalog view (that is, per config version and upstream state), then shared.
 */
import type { AccessProfile } from '../policy/access-policy.ts';
import type { CatalogItem } from '../upstream/upstream-catalog.ts';
import type { CatalogView, RoutedItem } from './catalog-view.ts';

export interface PrincipalCatalog {
  readonly tools: readonly CatalogItem[];
  readonly prompts: readonly CatalogItem[];
  readonly resources: readonly CatalogItem[];
  readonly resourceTemplates: readonly CatalogItem[];
}

export type CatalogKind = keyof PrincipalCatalog;

const built = new WeakMap<CatalogView, WeakMap<AccessProfile, PrincipalCatalog>>();

function visibleTool(profile: AccessProfile, { serverId, upstreamName, exposed }: RoutedItem): CatalogItem | undefined {
  if (!profile.canSeeTool(serverId, upstreamName)) return undefined;
  const schema = exposed.inputSchema;
  if (!schema || typeof schema !== 'object') return exposed;
  const narrowed = profile.narrowToolSchema(serverId, upstreamName, schema as Record<string, unknown>);
  return narrowed === schema ? exposed : { ...exposed, inputSchema: narrowed };
}

function build(view: CatalogView, profile: AccessProfile): PrincipalCatalog {
  const tools: CatalogItem[] = [];
  for (const item of view.tools) {
    const visible = visibleTool(profile, item);
    if (visible) tools.push(visible);
  }
  return Object.freeze({
    tools,
    prompts: view.prompts.filter((item) => profile.canSeePrompt(item.serverId, item.upstreamName)).map((item) => item.exposed),
    resources: view.resources.filter((item) => profile.canSeeResource(item.serverId, item.upstreamName)).map((item) => item.exposed),
    resourceTemplates: view.resourceTemplates.filter((item) => profile.canSeeResource(item.serverId, item.upstreamName)).map((item) => item.exposed),
  });
}

/** principalCatalog returns the catalog `profile` sees in `view`, building it on first use. */
export function principalCatalog(view: CatalogView, profile: AccessProfile): PrincipalCatalog {
  let byProfile = built.get(view);
  if (!byProfile) built.set(view, (byProfile = new WeakMap()));
  let catalog = byProfile.get(profile);
  if (!catalog) byProfile.set(profile, (catalog = build(view, profile)));
  return catalog;
}

const listChangedMethods: Readonly<Record<CatalogKind, string>> = {
  tools: 'notifications/tools/list_changed',
  prompts: 'notifications/prompts/list_changed',
  resources: 'notifications/resources/list_changed',
  resourceTemplates: 'notifications/resources/list_changed',
};

const signatures = new WeakMap<PrincipalCatalog, Readonly<Record<CatalogKind, string>>>();

function signaturesOf(catalog: PrincipalCatalog): Readonly<Record<CatalogKind, string>> {
  let known = signatures.get(catalog);
  if (!known) {
    const signature = (kind: CatalogKind): string => JSON.stringify(catalog[kind]);
    known = { tools: signature('tools'), prompts: signature('prompts'), resources: signature('resources'), resourceTemplates: signature('resourceTemplates') };
    signatures.set(catalog, known);
  }
  return known;
}

/** changedLists names the list_changed notifications that take a client from `before` to `after`. */
export function changedLists(before: PrincipalCatalog, after: PrincipalCatalog): Set<string> {
  const old = signaturesOf(before);
  const next = signaturesOf(after);
  const methods = new Set<string>();
  for (const kind of Object.keys(listChangedMethods) as CatalogKind[]) if (old[kind] !== next[kind]) methods.add(listChangedMethods[kind]);
  return methods;
}
