/**
 * Upstream credentials from AWS Secrets Manager, end to end: the real AWS SDK inside the gateway
 * talks to a local Secrets Manager endpoint (SigV4 checked) configured through
 * `secrets.aws.endpoint`, as a user points it at LocalStack; real upstreams over HTTP and stdio
 * receive the values. Rotation, outage, throttling, a missing secret and per-principal
 * credentials, and no secret value in any log line, error body or control endpoint.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startGateway, startHttpUpstream, stdioServerYaml, type RunningGateway, type RunningUpstream } from './support/gateway-harness.ts';
import { startLocalSecretsManager, type LocalSecretsManager } from './support/local-secrets-manager.ts';
import { waitFor } from './support/wait-for.ts';

let aws: LocalSecretsManager;
let scratch: string;
/** values holds every secret value the tests create, to search all captured output for them. */
const values = new Set<string>();
/** patientlyMs bounds waits for refreshes, restarts and reconnects on a busy machine. */
const patientlyMs = 20_000;

before(async () => {
  aws = await startLocalSecretsManager();
  // The gateway's SDK client uses the standard credential chain, as in production: here, the environment.
  process.env.AWS_ACCESS_KEY_ID = aws.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = aws.credentials.secretAccessKey;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'portcullis-secrets-'));
});

after(async () => {
  await aws.close();
  await rm(scratch, { recursive: true, force: true });
});

function putSecret(name: string, value: string): void {
  values.add(value);
  aws.putSecret(name, value);
}

function putToken(name: string, token: string): void {
  values.add(token);
  putSecret(name, JSON.stringify({ token }));
}

const awsSettings = (refreshInterval = '5m', extra = ''): string =>
  `secrets:\n  aws:\n    region: ${aws.region}\n    endpoint: ${aws.url}\n    refreshInterval: ${refreshInterval}\n${extra}`;

const anonymousRoot = (settings: string): string =>
  `version: 1\nauth:\n  anonymous:\n    enabled: true\n    principal: tester\n    groups: [testers]\ngroups:\n  testers: {}\nlogging:\n  level: debug\n  format: json\n${settings}`;

function textOf(result: unknown): string {
  return ((result as { content: { text: string }[] }).content[0]!).text;
}

async function callText(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  return textOf(await client.callTool({ name, arguments: args }));
}

/** assertNoSecretValues searches everything captured for every secret value the tests created. */
function assertNoSecretValues(captured: string, where: string): void {
  for (const value of values) {
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) assert.ok(!captured.includes(form), `a secret value appears in ${where}`);
  }
}

async function controlOutput(gateway: RunningGateway): Promise<string> {
  const ready = await (await fetch(`${gateway.baseUrl}/readyz`)).text();
  const admin = await (await fetch(`${gateway.baseUrl}/admin/config`)).text();
  return ready + admin;
}

/** acceptTokens sets the tokens the upstream accepts; the rename makes the change atomic for its readers. */
async function acceptTokens(file: string, tokens: readonly string[]): Promise<void> {
  await writeFile(`${file}.new`, tokens.join('\n') + '\n');
  await rename(`${file}.new`, file);
}

describe('an HTTP upstream behind a bearer token from Secrets Manager', () => {
  let upstream: RunningUpstream;
  let gateway: RunningGateway;
  let client: Client;
  let accepted: string;

  before(async () => {
    putToken('prod/mcp/tracker', 'tok-alpha-1');
    accepted = path.join(scratch, 'tracker-tokens');
    await acceptTokens(accepted, ['tok-alpha-1']);
    upstream = await startHttpUpstream('tracker', 0, { FIXTURE_ACCEPTED_TOKENS_FILE: accepted });
    aws.resetRequests();
    gateway = await startGateway({
      'portcullis.yaml': anonymousRoot(awsSettings('400ms')),
      'servers/tracker.yaml': `id: tracker\ntransport:\n  type: streamable-http\n  url: ${upstream.url}\n  headers:\n    Authorization: "Bearer \${aws:prod/mcp/tracker#token}"\n`,
    });
    client = await gateway.connectClient();
  });

  after(async () => {
    await gateway.stop();
    await upstream.stop();
  });

  test('the value reaches the upstream, fetched with BatchGetSecretValue and SigV4-signed', async () => {
    assert.equal(await callText(client, 'tracker__authorization'), 'Bearer tok-alpha-1');
    const first = aws.requests[0]!;
    assert.deepEqual([first.operation, first.secretIds, first.signed], ['BatchGetSecretValue', ['prod/mcp/tracker'], true]);
    assert.equal(aws.rejectedRequestCount, 0);
  });

  test('a rotation in Secrets Manager reaches the upstream with no failed call', async () => {
    let failures = 0;
    let calls = 0;
    let stop = false;
    const seen = new Set<string>();
    const caller = (async () => {
      while (!stop) {
        calls++;
        try {
          seen.add(await callText(client, 'tracker__authorization'));
        } catch {
          failures++;
        }
      }
    })();
    // As AWS rotation does: the new version is valid upstream before it becomes AWSCURRENT, and the old one stops working after.
    await acceptTokens(accepted, ['tok-alpha-1', 'tok-alpha-2']);
    putToken('prod/mcp/tracker', 'tok-alpha-2');
    await waitFor(() => seen.has('Bearer tok-alpha-2'), 'the background refresh to pick up the new version', patientlyMs, 50);
    await acceptTokens(accepted, ['tok-alpha-2']);
    const settled = calls;
    await waitFor(() => calls > settled + 20, 'more calls after the old token was withdrawn', patientlyMs, 50);
    stop = true;
    await caller;
    assert.equal(failures, 0, `no call failed during the rotation (${calls} calls)`);
  });

  test('an upstream answering 401 gets one forced refresh and one retry, and the call succeeds', async () => {
    // Rotated and withdrawn at once: only a refetch on 401 can save the call (background refresh is not awaited).
    await acceptTokens(accepted, ['tok-alpha-3']);
    putToken('prod/mcp/tracker', 'tok-alpha-3');
    const logged = gateway.logs.length;
    assert.equal(await callText(client, 'tracker__authorization'), 'Bearer tok-alpha-3');
    const forced = gateway.logs.slice(logged).filter((line) => line.msg === 'secrets: an upstream refused its credential; refetching it');
    assert.deepEqual(forced.map((line) => line.references), [['aws:prod/mcp/tracker#token']], 'one forced refresh of the server\'s reference');
  });

  test('AWS unreachable with a warm cache: calls keep succeeding and /readyz reports the staleness', async () => {
    await aws.stop();
    try {
      await waitFor(async () => {
        const ready = (await (await fetch(`${gateway.baseUrl}/readyz`)).json()) as { secrets: { aws?: { failing: boolean; stalenessMs: number } } };
        return ready.secrets.aws?.failing === true && ready.secrets.aws.stalenessMs > 0;
      }, 'a failed refresh to show in /readyz', patientlyMs, 50);
      const ready = await fetch(`${gateway.baseUrl}/readyz`);
      assert.equal(ready.status, 200, 'cached credentials keep the gateway ready');
      assert.equal(await callText(client, 'tracker__authorization'), 'Bearer tok-alpha-3');
    } finally {
      await aws.start();
    }
    await waitFor(async () => {
      const ready = (await (await fetch(`${gateway.baseUrl}/readyz`)).json()) as { secrets: { aws?: { failing: boolean } } };
      return ready.secrets.aws?.failing === false;
    }, 'the provider to recover', patientlyMs, 50);
  });

  test('no secret value appears in the gateway log or the control endpoints', async () => {
    assertNoSecretValues(JSON.stringify(gateway.logs), 'the gateway log');
    assertNoSecretValues(await controlOutput(gateway), '/readyz or /admin/config');
  });
});

test('an upstream refusing the handshake with 401 makes the gateway refetch the secret before reconnecting', async () => {
  putToken('prod/mcp/late', 'tok-late-1');
  const accepted = path.join(scratch, 'late-tokens');
  await acceptTokens(accepted, ['tok-late-2']);
  const upstream = await startHttpUpstream('late', 0, { FIXTURE_ACCEPTED_TOKENS_FILE: accepted });
  const gateway = await startGateway({
    'portcullis.yaml': anonymousRoot(awsSettings('5m')),
    'servers/late.yaml': `id: late\ntransport:\n  type: streamable-http\n  url: ${upstream.url}\n  headers:\n    Authorization: "Bearer \${aws:prod/mcp/late#token}"\nrestart:\n  initialDelay: 200ms\n  maxDelay: 1s\n`,
  });
  try {
    assert.equal(gateway.gateway.upstreamStates()[0]!.state, 'down', 'the upstream refuses the credential the gateway started with');
    putToken('prod/mcp/late', 'tok-late-2');
    // The background refresh is five minutes away: only the refetch on 401 can bring it up.
    await waitFor(() => gateway.gateway.upstreamStates()[0]!.state === 'ready', 'the reconnect with the refetched token', 15_000);
    const client = await gateway.connectClient();
    assert.equal(await callText(client, 'late__authorization'), 'Bearer tok-late-2');
  } finally {
    await gateway.stop();
    await upstream.stop();
  }
});

test('cold start: a missing secret makes only its server unavailable, with an error naming the reference; throttling is retried', async () => {
  putToken('prod/mcp/present', 'tok-present');
  aws.throttleNext(2);
  aws.resetRequests();
  const gateway = await startGateway({
    'portcullis.yaml': anonymousRoot(awsSettings()),
    'servers/present.yaml': stdioServerYaml('present', '').replace('  cwd:', '  env:\n    FIXTURE_TOKEN: "${aws:prod/mcp/present#token}"\n  cwd:'),
    'servers/absent.yaml': stdioServerYaml('absent', '').replace('  cwd:', '  env:\n    FIXTURE_TOKEN: "${aws:prod/mcp/never-created#token}"\n  cwd:'),
  });
  try {
    assert.deepEqual(aws.requests.slice(0, 3).map((request) => request.errorType ?? 'ok'), ['ThrottlingException', 'ThrottlingException', 'ok'], 'throttled twice, then answered');
    const client = await gateway.connectClient();
    assert.match(await callText(client, 'present__env_token'), /^tok-present pid=/);
    const states = gateway.gateway.upstreamStates();
    const absent = states.find((state) => state.id === 'absent')!;
    assert.equal(absent.state, 'down');
    assert.match(absent.error!, /secret aws:prod\/mcp\/never-created#token is unavailable: AWS Secrets Manager has no such secret/);
    const ready = (await (await fetch(`${gateway.baseUrl}/readyz`)).json()) as { secrets: { aws: { unavailable: number } } };
    assert.equal(ready.secrets.aws.unavailable, 1);
    assertNoSecretValues(JSON.stringify(gateway.logs) + (await controlOutput(gateway)), 'the log or the control endpoints');
  } finally {
    await gateway.stop();
  }
});

test('a stdio server gets its secret in its environment; a rotation restarts it once its call in flight finishes', async () => {
  putToken('prod/mcp/child', 'tok-child-1');
  const gateway = await startGateway({
    'portcullis.yaml': anonymousRoot(awsSettings('300ms')),
    'servers/child.yaml': stdioServerYaml('child', '').replace('  cwd:', '  env:\n    FIXTURE_TOKEN: "${aws:prod/mcp/child#token}"\n  cwd:'),
  });
  try {
    const client = await gateway.connectClient();
    const before = await callText(client, 'child__env_token');
    assert.match(before, /^tok-child-1 pid=/);
    const slow = client.callTool({ name: 'child__slow', arguments: { steps: 6, stepMs: 250 } });
    putToken('prod/mcp/child', 'tok-child-2');
    await waitFor(async () => (await callText(client, 'child__env_token')).startsWith('tok-child-2 '), 'the restarted child with the new environment', patientlyMs, 50);
    assert.notEqual((await callText(client, 'child__env_token')).split('pid=')[1], before.split('pid=')[1], 'a new process');
    assert.deepEqual((await slow).content, [{ type: 'text', text: 'child: done after 6 steps' }], 'the call in flight finished on the old child');
    assertNoSecretValues(JSON.stringify(gateway.logs), 'the gateway log');
  } finally {
    await gateway.stop();
  }
});

test('per-principal credentials: each principal reaches its own child with its own token; one without a secret gets a clear error', async () => {
  const keys = { alice: 'key-alice-0123456789', bob: 'key-bob-0123456789', carol: 'key-carol-0123456789' };
  const digest = (key: string): string => createHash('sha256').update(key).digest('hex');
  putToken('mcp/users/alice/github', 'tok-alice');
  putToken('mcp/users/bob/github', 'tok-bob');
  const apiKeys = Object.keys(keys).map((id) => `    - id: ${id}-key\n      hash: env:${id.toUpperCase()}_DIGEST\n      principal: ${id}\n      groups: [testers]\n`).join('');
  const gateway = await startGateway(
    {
      'portcullis.yaml': `version: 1\nauth:\n  apiKeys:\n${apiKeys}groups:\n  testers: {}\nlogging:\n  level: debug\n  format: json\n${awsSettings()}`,
      'servers/gh.yaml': stdioServerYaml('gh', '').replace('  cwd:', '  env:\n    FIXTURE_TOKEN: "${aws:mcp/users/{principal.id}/github#token}"\n  cwd:') + 'perPrincipal:\n  maxInstances: 5\n  idleTimeout: 1m\n',
    },
    { environment: { ALICE_DIGEST: digest(keys.alice), BOB_DIGEST: digest(keys.bob), CAROL_DIGEST: digest(keys.carol) } },
  );
  try {
    const alice = await gateway.connectClient({ headers: { 'x-api-key': keys.alice } });
    const bob = await gateway.connectClient({ headers: { 'x-api-key': keys.bob } });
    const carol = await gateway.connectClient({ headers: { 'x-api-key': keys.carol } });
    assert.ok((await alice.listTools()).tools.some((tool) => tool.name === 'gh__env_token'), 'the first user to list starts an instance, so lists are not empty');
    const [fromAlice, fromBob] = await Promise.all([callText(alice, 'gh__env_token'), callText(bob, 'gh__env_token')]);
    assert.match(fromAlice, /^tok-alice pid=/);
    assert.match(fromBob, /^tok-bob pid=/);
    assert.notEqual(fromAlice.split('pid=')[1], fromBob.split('pid=')[1], 'one child process per principal');
    assert.match(await callText(alice, 'gh__env_token'), new RegExp(`^tok-alice pid=${fromAlice.split('pid=')[1]}$`), 'the instance is reused');

    const refused = await carol.callTool({ name: 'gh__env_token', arguments: {} }).then(
      () => assert.fail('carol has no credential'),
      (error: Error) => error.message,
    );
    assert.match(refused, /server gh acts as each user, and no credential is provisioned for you \(aws:mcp\/users\/\{principal\.id\}\/github#token\)/);
    assert.equal(gateway.gateway.upstreamStates().find((state) => state.id === 'gh')!.instances, 2);
    assertNoSecretValues(JSON.stringify(gateway.logs) + refused + (await controlOutput(gateway)), 'the log, an error or the control endpoints');
  } finally {
    await gateway.stop();
  }
});
