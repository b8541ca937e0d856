// The demo note store behind `config/servers/notes.yaml`: an MCP server over stdio that keeps
// notes in memory, so `npm start` has a local upstream with reads, writes, a destructive tool
// and a `debug_*` tool the config filters out.
//
//   node --import tsx examples/upstreams/notes-server.ts
//
// stdout carries the protocol; logs go to stderr at NOTES_LOG_LEVEL (debug, info, warn, error
// or silent; default info).
import { z } from 'zod';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Note is one stored note; `notebook` lets policies restrict writes by argument. */
interface Note {
  readonly id: string;
  readonly notebook: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** DEFAULT_NOTEBOOK is where a note goes when the caller names none. */
const DEFAULT_NOTEBOOK = 'eng-demo';

const configuredLevel = process.env['NOTES_LOG_LEVEL'] ?? 'info';
const logThreshold = LOG_LEVELS.indexOf(configuredLevel as LogLevel);

function log(level: Exclude<LogLevel, 'silent'>, message: string): void {
  // An unknown NOTES_LOG_LEVEL logs at info rather than silencing the server by accident.
  if (LOG_LEVELS.indexOf(level) >= (logThreshold === -1 ? 1 : logThreshold)) {
    process.stderr.write(`${new Date().toISOString()} notes-server ${level}: ${message}\n`);
  }
}

/** NoteStore holds the notes in memory; they live as long as the process. */
class NoteStore {
  private readonly notes = new Map<string, Note>();
  private nextId = 1;

  add(title: string, body: string, notebook: string): Note {
    const note: Note = { id: `n${this.nextId++}`, notebook, title, body, createdAt: new Date().toISOString() };
    this.notes.set(note.id, note);
    return note;
  }

  get(id: string): Note | undefined {
    return this.notes.get(id);
  }

  delete(id: string): boolean {
    return this.notes.delete(id);
  }

  list(): Note[] {
    return [...this.notes.values()];
  }

  search(query: string): Note[] {
    const needle = query.toLowerCase();
    return this.list().filter((note) => `${note.title}\n${note.body}`.toLowerCase().includes(needle));
  }
}

const json = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const failure = (message: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text: message }] });
const summary = (note: Note): { id: string; notebook: string; title: string } => ({
  id: note.id,
  notebook: note.notebook,
  title: note.title,
});
const limitArgument = z.number().int().min(1).max(50).optional().describe('At most this many notes (default all).');

function createNotesServer(store: NoteStore): McpServer {
  const server = new McpServer(
    { name: 'portcullis-demo-notes', version: '1.0.0' },
    { capabilities: { logging: {} }, instructions: 'An in-memory note store for the Portcullis demo.' },
  );

  server.registerTool(
    'write_note',
    {
      title: 'Write note',
      description: 'Stores a new note and returns it with its id.',
      inputSchema: {
        title: z.string().min(1).describe('Short title.'),
        body: z.string().describe('Note text.'),
        notebook: z.string().min(1).optional().describe(`Notebook to file it in (default ${DEFAULT_NOTEBOOK}).`),
      },
    },
    async ({ title, body, notebook }) => {
      const note = store.add(title, body, notebook ?? DEFAULT_NOTEBOOK);
      log('debug', `added ${note.id} to ${note.notebook}`);
      server.sendResourceListChanged();
      return json(note);
    },
  );

  server.registerTool(
    'list_notes',
    {
      title: 'List notes',
      description: 'Lists the id, notebook and title of every note, oldest first.',
      inputSchema: { limit: limitArgument },
      annotations: { readOnlyHint: true },
    },
    async ({ limit }) => json(store.list().slice(0, limit).map(summary)),
  );

  server.registerTool(
    'read_note',
    {
      title: 'Get note',
      description: 'Returns one note by id.',
      inputSchema: { id: z.string().describe('Note id, for example n1.') },
      annotations: { readOnlyHint: true },
    },
    async ({ id }) => {
      const note = store.get(id);
      return note ? json(note) : failure(`No note with id ${id}.`);
    },
  );

  server.registerTool(
    'search_notes',
    {
      title: 'Search notes',
      description: 'Finds notes whose title or body contains the query (case-insensitive).',
      inputSchema: { query: z.string().min(1).describe('Text to look for.'), limit: limitArgument },
      annotations: { readOnlyHint: true },
    },
    async ({ query, limit }) => json(store.search(query).slice(0, limit).map(summary)),
  );

  server.registerTool(
    'delete_note',
    {
      title: 'Delete note',
      description: 'Deletes one note by id. This cannot be undone.',
      inputSchema: { id: z.string().describe('Note id, for example n1.') },
      annotations: { destructiveHint: true, idempotentHint: true, readOnlyHint: false },
    },
    async ({ id }) => {
      if (!store.delete(id)) return failure(`No note with id ${id}.`);
      log('debug', `deleted ${id}`);
      server.sendResourceListChanged();
      return json({ deleted: id });
    },
  );

  // The example config denies debug_* for this server, so clients of the gateway never see
  // this tool: it exists to show tool filtering at work.
  server.registerTool(
    'debug_dump',
    {
      title: 'Debug dump',
      description: 'Dumps the whole store and process details. For debugging only.',
      annotations: { readOnlyHint: true },
    },
    async () => json({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()), notes: store.list() }),
  );

  server.registerResource(
    'index',
    'notes://index',
    { title: 'Note index', description: 'Every note as a Markdown list.', mimeType: 'text/markdown' },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'text/markdown',
          text: store
            .list()
            .map((note) => `- [${note.title}](notes://note/${note.id}) (${note.notebook})`)
            .join('\n'),
        },
      ],
    }),
  );

  server.registerResource(
    'note',
    new ResourceTemplate('notes://note/{id}', {
      list: async () => ({
        resources: store.list().map((note) => ({ uri: `notes://note/${note.id}`, name: note.title, mimeType: 'text/markdown' })),
      }),
      complete: { id: (value) => store.list().map((note) => note.id).filter((id) => id.startsWith(value)) },
    }),
    { title: 'Note', description: 'One note as Markdown.', mimeType: 'text/markdown' },
    async (uri, { id }) => {
      const note = typeof id === 'string' ? store.get(id) : undefined;
      if (!note) throw new Error(`No note at ${uri.href}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: `# ${note.title}\n\n${note.body}\n` }] };
    },
  );

  server.registerPrompt(
    'summarize_notes',
    {
      title: 'Summarize notes',
      description: 'Asks the model to summarize the notes, optionally only those of one notebook.',
      argsSchema: {
        notebook: completable(z.string().optional().describe('Only this notebook.'), (value) =>
          [...new Set(store.list().map((note) => note.notebook))].filter((name) => name.startsWith(value ?? '')),
        ),
      },
    },
    ({ notebook }) => {
      const notes = store.list().filter((note) => notebook === undefined || note.notebook === notebook);
      const listing = notes.map((note) => `## ${note.title} (${note.id})\n${note.body}`).join('\n\n');
      return {
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Summarize the following notes (${notes.length}) in a few bullet points, naming the note ids you draw on.\n\n${listing}`,
            },
          },
        ],
      };
    },
  );

  return server;
}

async function main(): Promise<void> {
  const store = new NoteStore();
  store.add('Welcome', 'This note store is the stdio demo upstream of Portcullis. Try search_notes with "gateway".', DEFAULT_NOTEBOOK);
  store.add(
    'Release checklist',
    'Run npm test, validate the config repository, and tag the release once the gateway smoke test passes.',
    'eng-release',
  );
  await createNotesServer(store).connect(new StdioServerTransport());
  log('info', `started (pid ${process.pid}, ${store.list().length} notes, log level ${configuredLevel})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`notes-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
