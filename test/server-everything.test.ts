// An SDK client through the gateway to @modelcontextprotocol/server-everything over stdio, a
// real third-party server: tools, prompts and resources, with progress, cancellation, sampling
// and elicitation relayed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { anonymousRoot, startGateway, type RunningGateway } from './support/gateway-harness.ts';
import { repoRoot } from './support/run-cli.ts';

const everything = path.join(repoRoot, 'node_modules', '.bin', 'mcp-server-everything');
let running: RunningGateway;
let client: Client;
const elicited: string[] = [];

before(async () => {
  running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/everything.yaml': `id: everything\nprefix: ev\ntransport:\n  type: stdio\n  command: ${everything}\n  args: [stdio]\n  cwd: ${repoRoot}\n`,
  });
  client = await running.connectClient({ capabilities: { sampling: {}, elicitation: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({ role: 'assistant', model: 'test-model', content: { type: 'text', text: 'sampled through portcullis' } }));
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicited.push(request.params.message);
    return { action: 'decline' };
  });
});

after(() => running?.stop());

const text = (result: Record<string, unknown>): string => JSON.stringify(result.content);

test('tools, prompts and resources of server-everything are listed, prefixed, and callable', async () => {
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  for (const name of ['ev__echo', 'ev__get-sum', 'ev__trigger-long-running-operation', 'ev__trigger-sampling-request', 'ev__trigger-elicitation-request']) assert.ok(names.includes(name), `${name} in ${names.join(',')}`);
  assert.match(text(await client.callTool({ name: 'ev__echo', arguments: { message: 'hello everything' } })), /hello everything/);
  assert.match(text(await client.callTool({ name: 'ev__get-sum', arguments: { a: 2, b: 40 } })), /42/);
  const prompt = await client.getPrompt({ name: 'ev__simple-prompt' });
  assert.ok(prompt.messages.length > 0);
  const resources = (await client.listResources()).resources;
  const document = resources.find((resource) => resource.uri.startsWith('demo://resource/static/document/'));
  assert.ok(document, 'a static document resource is listed');
  const read = await client.readResource({ uri: document.uri });
  assert.equal(read.contents[0]!.uri, document.uri);
});

test('progress of a long-running operation reaches the client', async () => {
  const seen: number[] = [];
  const result = await client.callTool({ name: 'ev__trigger-long-running-operation', arguments: { duration: 1, steps: 3 } }, undefined, { onprogress: (progress) => void seen.push(progress.progress) });
  assert.match(text(result), /completed|Long running operation/i);
  assert.deepEqual(seen, [1, 2, 3]);
});

test('cancelling a long-running operation ends it in the gateway and upstream', async () => {
  const controller = new AbortController();
  const call = client.callTool({ name: 'ev__trigger-long-running-operation', arguments: { duration: 10, steps: 10 } }, undefined, { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(running.gateway.inflight, 1, 'the call is in flight upstream');
  controller.abort('stop');
  await assert.rejects(call);
  for (let i = 0; i < 50 && running.gateway.inflight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(running.gateway.inflight, 0, 'the gateway dropped the call and told the upstream');
  assert.match(text(await client.callTool({ name: 'ev__echo', arguments: { message: 'after' } })), /after/);
});

test('sampling requested by server-everything is answered by the calling client', async () => {
  const result = await client.callTool({ name: 'ev__trigger-sampling-request', arguments: { prompt: 'say hi', maxTokens: 10 } });
  assert.match(text(result), /sampled through portcullis/);
});

test('elicitation requested by server-everything reaches the calling client, and its answer goes back', async () => {
  const result = await client.callTool({ name: 'ev__trigger-elicitation-request', arguments: {} });
  assert.equal(elicited.length, 1, 'the client was asked');
  assert.match(text(result), /decline/i);
});
