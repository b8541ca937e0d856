// `portcullis serve` as an operator runs it: control endpoints answer, an invalid config
// refuses to start, a bad SIGHUP reload keeps the last good config, SIGTERM exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './support/run-cli.ts';
import { writeRepository } from './support/temp-repo.ts';

const root = 'version: 1\nauth:\n  anonymous:\n    enabled: true\n';
const server = (id: string): string => `id: ${id}\ntransport:\n  type: stdio\n  command: node\n`;

interface Running {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly lines: string[];
}

async function startServe(folder: string): Promise<Running> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', folder], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const address = /"address":"([^"]+)"/.exec(line)?.[1];
        if (address) resolve(`http://${address}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
  return { child, baseUrl, lines };
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(predicate(), `timed out waiting for ${what}`);
}

test('serve answers its control endpoints and says /mcp is not built yet', async () => {
  const repository = await writeRepository({ 'portcullis.yaml': root, 'servers/a.yaml': server('a') });
  const running = await startServe(repository.folder);
  try {
    assert.equal((await fetch(`${running.baseUrl}/healthz`)).status, 200);
    const ready = (await (await fetch(`${running.baseUrl}/readyz`)).json()) as { configVersion: string };
    assert.match(ready.configVersion, /^[0-9a-f]{64}$/);
    const admin = (await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { servers: string[] };
    assert.deepEqual(admin.servers, ['a']);
    const mcp = await fetch(`${running.baseUrl}/mcp`, { method: 'POST', body: '{}' });
    assert.equal(mcp.status, 503);
    assert.match(((await mcp.json()) as { error: { message: string } }).error.message, /not built yet/);
    assert.ok(running.lines.some((line) => line.includes('anonymous access is ON')), 'anonymous access is logged loudly');
  } finally {
    running.child.kill('SIGTERM');
    const [code] = await once(running.child, 'exit');
    assert.equal(code, 0, 'SIGTERM exits 0');
    await repository.remove();
  }
});

test('a bad reload keeps the last good config serving; a good one swaps it', async () => {
  const repository = await writeRepository({ 'portcullis.yaml': root, 'servers/a.yaml': server('a') });
  const running = await startServe(repository.folder);
  try {
    const versionOf = async (): Promise<string> => ((await (await fetch(`${running.baseUrl}/readyz`)).json()) as { configVersion: string }).configVersion;
    const first = await versionOf();

    await writeFile(path.join(repository.folder, 'servers', 'a.yaml'), 'id: a\ntransprt: {}\n');
    running.child.kill('SIGHUP');
    await waitFor(() => running.lines.some((line) => line.includes('reload failed')), 'the failed reload');
    assert.equal(await versionOf(), first, 'the last good config keeps serving');

    await writeFile(path.join(repository.folder, 'servers', 'b.yaml'), server('b'));
    await writeFile(path.join(repository.folder, 'servers', 'a.yaml'), server('a'));
    running.child.kill('SIGHUP');
    await waitFor(() => running.lines.some((line) => line.includes('new config serving')), 'the good reload');
    assert.notEqual(await versionOf(), first);
    const admin = (await (await fetch(`${running.baseUrl}/admin/config`)).json()) as { servers: string[] };
    assert.deepEqual(admin.servers, ['a', 'b']);
  } finally {
    running.child.kill('SIGTERM');
    await once(running.child, 'exit');
    await repository.remove();
  }
});

test('an invalid config refuses to start with exit 1', async () => {
  const repository = await writeRepository({ 'portcullis.yaml': 'version: 2\n' });
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portcullis.mjs'), 'serve', '--config', repository.folder], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  assert.equal(code, 1);
  assert.match(stderr, /portcullis\.yaml:1:10: error PCX_ERR_INVALID_VALUE at version/);
  await repository.remove();
});
