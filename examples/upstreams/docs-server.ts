// The demo documentation server behind `config/servers/docs.yaml`: Streamable HTTP with
// stateful sessions, searching a small built-in corpus about Portcullis itself.
//
//   PORT=8181 node --import tsx examples/upstreams/docs-server.ts
//
// PORT defaults to 8181; PORT=0 picks a free port. The first stdout line names the endpoint.
// If DOCS_DEMO_TOKEN is set, every request needs `Authorization: Bearer <token>`, which shows
// the gateway holding an upstream credential of its own; unset, any request is accepted.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Page is one document of the corpus, addressed by its slug. */
interface Page {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
}

const pages: readonly Page[] = [
  {
    slug: 'overview',
    title: 'What Portcullis is',
    body:
      'Portcullis is a gateway for the Model Context Protocol (MCP). It sits between MCP clients and the MCP servers ' +
      'they use, and decides who may call which tool with which arguments. Its whole configuration lives in a Git ' +
      'repository of YAML, so every change goes through a pull request and CI.',
  },
  {
    slug: 'configuration',
    title: 'The configuration repository',
    body:
      'A config repository has a root portcullis.yaml (listener, limits, auth, groups, telemetry), one file per upstream ' +
      'server under servers/, access rules under policies/ and guardrails under guardrails/. `portcullis validate` ' +
      'reports every problem with file, line, column, YAML path and a stable error code such as PCX_ERR_UNKNOWN_KEY.',
  },
  {
    slug: 'upstream-servers',
    title: 'Upstream servers',
    body:
      'Each servers/*.yaml file declares one upstream MCP server: its transport (stdio, streamable-http or sse), ' +
      'timeouts, a tool name prefix, and tools.allow / tools.deny globs. A denied tool, such as debug_* on the demo ' +
      'notes server, is never listed to clients. Upstream credentials are secret references, never literal values.',
  },
  {
    slug: 'policies',
    title: 'Access policies',
    body:
      'Policy rules allow or deny tools, prompts and resources per group of principals and per server. A rule can ' +
      'constrain arguments, for example a regex on a notebook name or a numeric range on limit. Deny rules win over ' +
      'allow rules, and anything no rule allows is denied.',
  },
  {
    slug: 'guardrails',
    title: 'Guardrails',
    body:
      'Guardrails inspect traffic in three phases: request (tool arguments), response (tool results) and definition ' +
      '(tool descriptions). Detectors find secrets, personal data, prompt injection and disallowed URLs; the action ' +
      'blocks or redacts, and monitor mode only records what would have happened.',
  },
  {
    slug: 'reload',
    title: 'Reloading configuration',
    body:
      'Send SIGHUP to reload. The gateway loads, validates and compiles the new config; only if every step succeeds ' +
      'does it swap to the new runtime. An invalid config is logged with its errors and the last good one keeps ' +
      'serving. An unchanged config is a no-op.',
  },
  {
    slug: 'authentication',
    title: 'Authentication',
    body:
      'Clients authenticate with OIDC bearer tokens or API keys whose SHA-256 digests live in the config. Anonymous ' +
      'access exists for local development only and the validator warns about it. The gateway never forwards a ' +
      "client's token upstream: upstreams get credentials of their own.",
  },
];

const pagesBySlug = new Map(pages.map((page) => [page.slug, page]));

/** search ranks pages by how often the query's words occur in their title and body. */
function search(query: string, limit: number): { slug: string; title: string; score: number; excerpt: string }[] {
  const words = query.toLowerCase().split(/\W+/).filter((word) => word.length > 1);
  return pages
    .map((page) => {
      const count = (haystack: string, word: string): number => haystack.toLowerCase().split(word).length - 1;
      // A word in the title says more about a page than the same word in passing in its body.
      const score = words.reduce((sum, word) => sum + 3 * count(page.title, word) + count(page.body, word), 0);
      return { slug: page.slug, title: page.title, score, excerpt: `${page.body.slice(0, 140)}…` };
    })
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

const json = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });

function createDocsServer(): McpServer {
  const server = new McpServer({ name: 'portcullis-demo-docs', version: '1.0.0' });

  server.registerTool(
    'search_docs',
    {
      title: 'Search docs',
      description: 'Searches the Portcullis documentation and returns the best matching pages.',
      inputSchema: {
        query: z.string().min(1).describe('Words to look for.'),
        limit: z.number().int().min(1).max(20).optional().describe('At most this many hits (default 5).'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, limit }) => json(search(query, limit ?? 5)),
  );

  server.registerTool(
    'get_page',
    {
      title: 'Get page',
      description: 'Returns one documentation page by slug.',
      inputSchema: { slug: z.string().describe(`Page slug: ${pages.map((page) => page.slug).join(', ')}.`) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ slug }) => {
      const page = pagesBySlug.get(slug);
      if (!page) return { isError: true, content: [{ type: 'text', text: `No page ${slug}. Try search_docs.` }] };
      return { content: [{ type: 'text', text: `# ${page.title}\n\n${page.body}` }] };
    },
  );

  server.registerResource(
    'page',
    new ResourceTemplate('docs://page/{slug}', {
      list: async () => ({
        resources: pages.map((page) => ({ uri: `docs://page/${page.slug}`, name: page.title, mimeType: 'text/markdown' })),
      }),
      complete: { slug: (value) => pages.map((page) => page.slug).filter((slug) => slug.startsWith(value)) },
    }),
    { title: 'Documentation page', description: 'One page of the Portcullis docs as Markdown.', mimeType: 'text/markdown' },
    async (uri, { slug }) => {
      const page = typeof slug === 'string' ? pagesBySlug.get(slug) : undefined;
      if (!page) throw new Error(`No page at ${uri.href}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# ${page.title}\n\n${page.body}\n` }] };
    },
  );

  server.registerPrompt(
    'explain_topic',
    {
      title: 'Explain a topic',
      description: 'Asks the model to explain a Portcullis topic from the matching documentation pages.',
      argsSchema: {
        topic: completable(z.string().describe('What to explain, for example "policies".'), (value) =>
          pages.map((page) => page.slug).filter((slug) => slug.startsWith(value)),
        ),
      },
    },
    ({ topic }) => {
      const hits = search(topic, 3).flatMap((hit) => pagesBySlug.get(hit.slug) ?? []);
      const context = hits.map((page) => `## ${page.title}\n${page.body}`).join('\n\n') || '(no matching pages)';
      return {
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Explain "${topic}" in Portcullis to a new operator, using only these pages:\n\n${context}`,
            },
          },
        ],
      };
    },
  );

  return server;
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalName(url: string): boolean {
  try {
    return LOCAL_HOSTNAMES.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function sendJsonError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code = -32000): void {
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/** tokenMatches compares digests so the check takes the same time whatever the input. */
function tokenMatches(header: string | undefined, expected: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8181);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid PORT: ${String(process.env['PORT'])}`);
  const token = process.env['DOCS_DEMO_TOKEN'] || undefined;
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Bound to loopback, so refuse foreign Host and Origin names (DNS rebinding).
    const origin = req.headers.origin;
    if (!isLocalName(`http://${req.headers.host ?? ''}`) || (origin !== undefined && !isLocalName(origin))) {
      return sendJsonError(res, 403, 'Forbidden: Host or Origin is not a loopback name');
    }
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/mcp') return sendJsonError(res, 404, 'Not found');
    if (token !== undefined && !tokenMatches(req.headers.authorization, token)) {
      return sendJsonError(res, 401, 'Unauthorized: a bearer token is required', { 'www-authenticate': 'Bearer realm="docs-demo"' });
    }
    const header = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId !== undefined) {
      const transport = sessions.get(sessionId);
      if (!transport) return sendJsonError(res, 404, 'Session not found');
      return transport.handleRequest(req, res, req.method === 'POST' ? await readJson(req) : undefined);
    }
    if (req.method !== 'POST') return sendJsonError(res, 400, 'Bad Request: Mcp-Session-Id header is required');
    const body = await readJson(req);
    if (!isInitializeRequest(body)) return sendJsonError(res, 400, 'Bad Request: no session; send initialize first');
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    const server = createDocsServer();
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void server.close();
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof SyntaxError && !res.headersSent) return sendJsonError(res, 400, 'Parse error', {}, -32700);
      process.stderr.write(`docs-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!res.headersSent) sendJsonError(res, 500, 'Internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = http.address() as AddressInfo;
  process.stdout.write(`docs demo server listening on http://127.0.0.1:${bound}/mcp\n`);
  if (token === undefined) process.stderr.write('docs-server: DOCS_DEMO_TOKEN is unset, so any request is accepted\n');

  const shutdown = (): void => {
    for (const transport of sessions.values()) void transport.close();
    http.close(() => process.exit(0));
    http.closeAllConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`docs-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
