/**
 * Fetching an upstream's lists (tools, prompts, resources, resource templates) to the last page.
 * The gateway aggregates and re-paginates them itself, so it must hold the whole list.
 */

export type CatalogKind = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';

/** CatalogItem is one entry as the upstream sent it: forwarded as is apart from its name. */
export type CatalogItem = Readonly<Record<string, unknown>>;

const methods: Readonly<Record<CatalogKind, string>> = {
  tools: 'tools/list',
  prompts: 'prompts/list',
  resources: 'resources/list',
  resourceTemplates: 'resources/templates/list',
};

// A server that keeps returning cursors must not hold the gateway forever.
const maxPages = 100;

type Requester = (method: string, params: Record<string, unknown> | undefined) => Promise<Record<string, unknown>>;

/** fetchCatalogList requests every page of one list. */
export async function fetchCatalogList(kind: CatalogKind, request: Requester): Promise<CatalogItem[]> {
  const items: CatalogItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await request(methods[kind], cursor === undefined ? undefined : { cursor });
    const list = result[kind];
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'object' && item !== null) items.push(item as CatalogItem);
    cursor = typeof result.nextCursor === 'string' && result.nextCursor !== '' ? result.nextCursor : undefined;
    if (cursor === undefined) return items;
  }
  throw new Error(`${methods[kind]} returned more than ${maxPages} pages`);
}
