// Identity and tool-level access end to end: a real OIDC provider (oauth2-mock-server) issues
// signed tokens, SDK clients present them to the gateway, and real upstreams (the fixture over
// HTTP and stdio) answer. Nothing here is mocked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { anonymousRoot, httpServerYaml, startGateway, startHttpUpstream, stdioServerYaml, type RunningGateway, type RunningUpstream } from './support/gateway-harness.ts';
import { waitFor } from './support/wait-for.ts';

const publicUrl = 'http://127.0.0.1:8080/mcp';
const accept = 'application/json, text/event-stream';
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
const apiKey = 'pcx_test_0123456789abcdef0123456789abcdef';

function rootFile(issuer: string, extra = ''): string {
  return `version: 1
gateway:
  publicUrl: ${publicUrl}
auth:
  oidc:
    - issuer: ${issuer}
      groupClaims: [groups, realm_access.roles]
      attributeClaims:
        email: email
      clockSkew: 5s
      jwksCooldown: 1s
      requiredScopes: [mcp:tools]
  apiKeys:
    - id: ci
      hash: env:TEST_CI_KEY_SHA256
      principal: svc-ci
      groups: [automation]
groups:
  engineering: {}
  support: {}
  automation: {}
  contractors: {}
  auditors:
    members: [dana]
logging:
  level: debug
  format: json
${extra}`;
}

const policies = `rules:
  - id: eng-tracker
    effect: allow
    subjects: { groups: [engineering] }
    servers: [tracker]
    tools: ["*"]
    prompts: ["*"]
    resources: ["*"]
  - id: eng-no-debug
    effect: deny
    subjects: { groups: [engineering] }
    servers: [tracker]
    tools: ["debug_*"]
  - id: support-echo
    effect: allow
    subjects: { groups: [support] }
    servers: ["*"]
    tools: ["ech*"]
  - id: support-issues
    effect: allow
    subjects: { groups: [support] }
    servers: [tracker]
    tools: [create_issue]
    arguments:
      repo: { prefix: "acme/" }
      title: { maxLength: 20 }
      priority: { min: 1, max: 3, optional: true }
      label: { values: [bug, question] }
  - id: contractors-nothing
    effect: deny
    subjects: { groups: [contractors] }
    servers: ["*"]
    tools: ["*"]
  - id: sales-by-claim
    effect: allow
    subjects: { claims: { org.department: [sales] } }
    servers: [files]
    tools: [whoami]
  - id: auditors-headers
    effect: allow
    subjects: { groups: [auditors, automation] }
    servers: [tracker]
    tools: [headers_seen, authorization]
`;

interface ToolList {
  tools: { name: string; inputSchema: { properties?: Record<string, Record<string, unknown>>; required?: string[] } }[];
}

describe('identity and access through the gateway', () => {
  let idp: OAuth2Server;
  let tracker: RunningUpstream;
  let running: RunningGateway;
  let files: Record<string, string>;

  before(async () => {
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    tracker = await startHttpUpstream('tracker');
    files = {
      'portcullis.yaml': rootFile(idp.issuer.url!),
      'servers/tracker.yaml': httpServerYaml('tracker', tracker.url, 'prefix: tracker\n'),
      'servers/files.yaml': stdioServerYaml('files', 'prefix: files\n'),
      'policies/access.yaml': policies,
    };
    running = await startGateway(files, { environment: { TEST_CI_KEY_SHA256: createHash('sha256').update(apiKey).digest('hex') } });
  });

  after(async () => {
    await running?.stop();
    await tracker?.stop();
    await idp?.stop();
  });

  function token(claims: Record<string, unknown>, options: { expiresIn?: number; kid?: string } = {}): Promise<string> {
    return idp.issuer.buildToken({
      ...options,
      scopesOrTransform: (_header, payload) => Object.assign(payload, { aud: publicUrl, scope: 'mcp:tools openid' }, claims),
    });
  }

  async function clientFor(claims: Record<string, unknown>): Promise<{ client: Client; bearer: string }> {
    const bearer = await token(claims);
    return { client: await running.connectClient({ headers: { authorization: `Bearer ${bearer}` } }), bearer };
  }

  const post = (body: unknown, headers: Record<string, string> = {}, query = ''): Promise<Response> =>
    fetch(`${running.mcpUrl}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(body) });

  async function names(client: Client): Promise<string[]> {
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  }

  async function callError(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ code: number; message: string }> {
    try {
      await client.callTool({ name, arguments: args });
    } catch (error) {
      const { code, message } = error as { code: number; message: string };
      return { code, message };
    }
    assert.fail(`${name} was expected to be refused`);
  }

  const resourceMetadata = `resource_metadata="http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp"`;

  test('a valid token lists only the permitted tools, and they can be called', async () => {
    const { client } = await clientFor({ sub: 'alice', groups: ['engineering'] });
    const visible = await names(client);
    assert.ok(visible.includes('tracker__echo') && visible.includes('tracker__create_issue'), visible.join());
    assert.ok(!visible.includes('tracker__debug_secret'), 'deny rule hides debug_secret');
    assert.ok(!visible.some((name) => name.startsWith('files__')), 'engineering has no grant on files');
    const result = await client.callTool({ name: 'tracker__echo', arguments: { text: 'hi' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'tracker:hi' }]);
  });

  test('a denied tool gets exactly the error of a tool that does not exist', async () => {
    const { client } = await clientFor({ sub: 'alice', groups: ['engineering'] });
    const denied = await callError(client, 'tracker__debug_secret');
    const missing = await callError(client, 'tracker__no_such_tool');
    assert.equal(denied.code, missing.code);
    assert.equal(denied.message.replace('debug_secret', 'X'), missing.message.replace('no_such_tool', 'X'));
    const notGranted = await callError(client, 'files__echo', { text: 'x' });
    assert.equal(notGranted.code, missing.code);
    assert.match(notGranted.message, /Unknown tool: files__echo/);
    const log = running.logs.find((entry) => entry.msg === 'request denied by policy' && entry.name === 'debug_secret');
    assert.equal(log?.rule, 'eng-no-debug', 'the gateway log names the rule');
  });

  test('deny beats allow: a principal in an allowed and a denied group sees no tools', async () => {
    const { client } = await clientFor({ sub: 'carol', groups: ['engineering', 'contractors'] });
    assert.deepEqual(await names(client), []);
    assert.match((await callError(client, 'tracker__echo', { text: 'x' })).message, /Unknown tool/);
  });

  test('glob grants and argument constraints: allowed calls pass, refused ones look like unknown tools', async () => {
    const { client } = await clientFor({ sub: 'bob', groups: ['support'] });
    assert.deepEqual(await names(client), ['files__echo', 'tracker__create_issue', 'tracker__echo']);
    const allowed = await client.callTool({ name: 'tracker__create_issue', arguments: { repo: 'acme/api', title: 'Broken', priority: 2, label: 'bug' } });
    assert.deepEqual(allowed.content, [{ type: 'text', text: 'tracker:created acme/api Broken p=2 l=bug' }]);
    const refusals: Record<string, unknown>[] = [
      { repo: 'evil/api', title: 'Broken', label: 'bug' },
      { repo: 'acme/api', title: 'A title that is far too long', label: 'bug' },
      { repo: 'acme/api', title: 'Broken', priority: 9, label: 'bug' },
      { repo: 'acme/api', title: 'Broken', label: 'feature' },
      { repo: 'acme/api', title: 'Broken' },
    ];
    for (const args of refusals) {
      const error = await callError(client, 'tracker__create_issue', args);
      assert.equal(error.code, -32602, JSON.stringify(args));
      assert.match(error.message, /Unknown tool: tracker__create_issue/);
    }
    const denial = running.logs.findLast((entry) => entry.msg === 'request denied by policy' && entry.name === 'create_issue');
    assert.equal(denial?.reason, 'argument-constraint');
    assert.equal(denial?.rule, 'support-issues');
  });

  test('tools/list narrows the schema to the values the principal may pass', async () => {
    const { client } = await clientFor({ sub: 'bob', groups: ['support'] });
    const { tools } = (await client.listTools()) as ToolList;
    const schema = tools.find((tool) => tool.name === 'tracker__create_issue')!.inputSchema;
    assert.deepEqual(schema.properties!.label!.enum, ['bug', 'question']);
    assert.ok(schema.required!.includes('label'), 'a non-optional constraint makes the argument required');
    assert.equal(schema.properties!.priority!.maximum, 3);
    const engineer = (await (await clientFor({ sub: 'alice', groups: ['engineering'] })).client.listTools()) as ToolList;
    const unrestricted = engineer.tools.find((tool) => tool.name === 'tracker__create_issue')!.inputSchema;
    assert.equal(unrestricted.properties!.label!.enum, undefined, 'an unconditional grant is not narrowed');
  });

  test('claims and nested group claims grant access; static members get their groups; annotations never widen', async () => {
    const { client: sales } = await clientFor({ sub: 'erin', org: { department: 'sales' } });
    assert.deepEqual(await names(sales), ['files__whoami']);
    const { client: keycloakStyle } = await clientFor({ sub: 'frank', realm_access: { roles: ['support'] } });
    assert.ok((await names(keycloakStyle)).includes('tracker__echo'));
    const { client: dana } = await clientFor({ sub: 'dana' });
    assert.deepEqual(await names(dana), ['tracker__authorization', 'tracker__headers_seen']);
    // whoami is annotated readOnlyHint: true upstream; bob's grants do not name it, so it stays hidden.
    const { client: bob } = await clientFor({ sub: 'bob', groups: ['support'] });
    assert.ok(!(await names(bob)).some((name) => name.endsWith('whoami')));
  });

  test('the client token and API key never reach an upstream', async () => {
    const { client, bearer } = await clientFor({ sub: 'dana' });
    await client.callTool({ name: 'tracker__authorization', arguments: {} });
    const seen = (await client.callTool({ name: 'tracker__headers_seen', arguments: {} })) as { content: { text: string }[] };
    const headers = JSON.parse(seen.content[0]!.text) as Record<string, string>[];
    assert.ok(headers.length > 2, 'the fixture recorded the gateway requests');
    assert.ok(headers.every((each) => each.authorization === undefined), 'no Authorization header upstream');
    assert.ok(!seen.content[0]!.text.includes(bearer.split('.')[2]!), 'no part of the token upstream');
    const service = await running.connectClient({ headers: { 'x-api-key': apiKey } });
    const again = (await service.callTool({ name: 'tracker__headers_seen', arguments: {} })) as { content: { text: string }[] };
    assert.ok(!again.content[0]!.text.includes(apiKey), 'no API key upstream');
  });

  test('refused tokens get the status and WWW-Authenticate header the spec prescribes', async () => {
    const none = await post(initialize);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), `Bearer ${resourceMetadata}`);

    const publicJwk = idp.issuer.keys.toJSON()[0]!;
    const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const hsBody = `${encode({ alg: 'HS256', typ: 'JWT', kid: publicJwk.kid })}.${encode({ iss: idp.issuer.url, aud: publicUrl, sub: 'mallory', exp: now + 600, scope: 'mcp:tools' })}`;
    const hs256 = `${hsBody}.${createHmac('sha256', publicPem).update(hsBody).digest('base64url')}`;
    const unsigned = new UnsecuredJWT({ scope: 'mcp:tools' }).setIssuer(idp.issuer.url!).setAudience(publicUrl).setSubject('mallory').setExpirationTime('10m').encode();
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ scope: 'mcp:tools', sub: 'mallory' }).setProtectedHeader({ alg: 'RS256', kid: 'intruder' }).setIssuer(idp.issuer.url!).setAudience(publicUrl).setExpirationTime('10m').sign(privateKey);
    const cases: Record<string, string> = {
      expired: await token({ sub: 'alice' }, { expiresIn: -120 }),
      'another audience': await token({ sub: 'alice', aud: 'https://other.example/mcp' }),
      'alg none': unsigned,
      'HS256 with the public key': hs256,
      'an unknown signing key': foreign,
    };
    for (const [label, bad] of Object.entries(cases)) {
      const response = await post(initialize, { authorization: `Bearer ${bad}` });
      assert.equal(response.status, 401, label);
      const challenge = response.headers.get('www-authenticate') ?? '';
      assert.match(challenge, /^Bearer /, label);
      assert.ok(challenge.includes(resourceMetadata) && challenge.includes('error="invalid_token"'), `${label}: ${challenge}`);
      assert.ok(!(await response.text()).includes(bad.slice(-20)), `${label}: the body does not echo the token`);
    }

    const valid = await token({ sub: 'alice', groups: ['engineering'] });
    const inQuery = await post(initialize, {}, `?access_token=${valid}`);
    assert.equal(inQuery.status, 400);
    assert.match(inQuery.headers.get('www-authenticate') ?? '', /error="invalid_request"/);

    const unscoped = await idp.issuer.buildToken({ scopesOrTransform: (_header, payload) => Object.assign(payload, { aud: publicUrl, sub: 'alice', scope: 'openid' }) });
    const insufficient = await post(initialize, { authorization: `Bearer ${unscoped}` });
    assert.equal(insufficient.status, 403);
    assert.match(insufficient.headers.get('www-authenticate') ?? '', /error="insufficient_scope".*scope="mcp:tools"|scope="mcp:tools".*error="insufficient_scope"/);
    assert.ok(running.logs.every((entry) => !JSON.stringify(entry).includes(valid.split('.')[2]!)), 'no token in the gateway log');
  });

  test('a key rotated in at the IdP is picked up', async () => {
    // The refusal test just caused an unknown-kid refetch; the next may come one cooldown later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await idp.issuer.keys.generate('RS256', { kid: 'rotated-key' });
    const rotated = await token({ sub: 'alice', groups: ['engineering'] }, { kid: 'rotated-key' });
    const response = await post(initialize, { authorization: `Bearer ${rotated}` });
    assert.equal(response.status, 200);
  });

  test('protected resource metadata is served at both well-known paths', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const response = await fetch(`${running.baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      const metadata = (await response.json()) as Record<string, unknown>;
      assert.equal(metadata.resource, publicUrl);
      assert.deepEqual(metadata.authorization_servers, [idp.issuer.url]);
      assert.deepEqual(metadata.scopes_supported, ['mcp:tools']);
    }
  });

  test('a session id presented with another principal’s token gets 404', async () => {
    const aliceToken = await token({ sub: 'alice', groups: ['engineering'] });
    const opened = await post(initialize, { authorization: `Bearer ${aliceToken}` });
    const sessionId = opened.headers.get('mcp-session-id')!;
    const mallory = await token({ sub: 'mallory', groups: ['engineering'] });
    const hijack = await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, { authorization: `Bearer ${mallory}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    assert.equal(hijack.status, 404);
    const owner = await post({ jsonrpc: '2.0', id: 3, method: 'ping' }, { authorization: `Bearer ${aliceToken}`, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' });
    assert.equal(owner.status, 200, 'the owner still uses it');
  });

  test('a policy change reaches open sessions: list_changed for those whose lists changed, and the new rules on the next call', async () => {
    const { client: bob } = await clientFor({ sub: 'bob', groups: ['support'] });
    const { client: alice } = await clientFor({ sub: 'alice', groups: ['engineering'] });
    const notified: string[] = [];
    bob.fallbackNotificationHandler = async (notification) => void notified.push(`bob ${notification.method}`);
    alice.fallbackNotificationHandler = async (notification) => void notified.push(`alice ${notification.method}`);
    await names(bob);
    await names(alice);
    await running.writeFiles({ 'policies/access.yaml': policies.replace('tools: ["ech*"]', 'tools: ["ech*", whoami]') });
    const attempt = await running.reloader.reload('test');
    assert.equal(attempt.outcome, 'applied');
    await waitFor(() => notified.includes('bob notifications/tools/list_changed'), "bob's list_changed");
    assert.ok((await names(bob)).includes('tracker__whoami'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!notified.some((entry) => entry.startsWith('alice')), 'alice’s lists did not change');
    await running.writeFiles({ 'policies/access.yaml': policies });
    await running.reloader.reload('test');
  });

  test('revoking a subject or an API key in the config refuses its next request, on open sessions too', async () => {
    const aliceToken = await token({ sub: 'alice', groups: ['engineering'] });
    const { client } = await clientFor({ sub: 'alice', groups: ['engineering'] });
    const service = await running.connectClient({ headers: { 'x-api-key': apiKey } });
    await client.callTool({ name: 'tracker__echo', arguments: { text: 'before' } });
    await service.callTool({ name: 'tracker__headers_seen', arguments: {} });
    await running.writeFiles({ 'portcullis.yaml': rootFile(idp.issuer.url!).replace('  apiKeys:', '  revoked:\n    principals: [alice]\n    apiKeys: [ci]\n  apiKeys:') });
    const attempt = await running.reloader.reload('revoke');
    assert.equal(attempt.outcome, 'applied', JSON.stringify(attempt));
    await assert.rejects(client.callTool({ name: 'tracker__echo', arguments: { text: 'after' } }));
    await assert.rejects(service.callTool({ name: 'tracker__headers_seen', arguments: {} }));
    const fresh = await post(initialize, { authorization: `Bearer ${aliceToken}` });
    assert.equal(fresh.status, 401);
    assert.match(fresh.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    const keyed = await post(initialize, { 'x-api-key': apiKey });
    assert.equal(keyed.status, 401);
    const bob = await post(initialize, { authorization: `Bearer ${await token({ sub: 'bob', groups: ['support'] })}` });
    assert.equal(bob.status, 200, 'everyone else is unaffected');
    await running.writeFiles({ 'portcullis.yaml': rootFile(idp.issuer.url!) });
    await running.reloader.reload('restore');
  });
});

describe('anonymous access', () => {
  test('is refused unless the config enables it, and then acts as the configured principal', async () => {
    const closed = await startGateway({ 'portcullis.yaml': 'version: 1\ngroups:\n  testers: {}\nlogging:\n  level: warn\n  format: json\n' });
    try {
      const response = await fetch(closed.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(initialize) });
      assert.equal(response.status, 401);
    } finally {
      await closed.stop();
    }
    const open = await startGateway({ 'portcullis.yaml': anonymousRoot(), 'servers/files.yaml': stdioServerYaml('files', 'prefix: files\n') });
    try {
      const client = await open.connectClient();
      const result = await client.callTool({ name: 'files__echo', arguments: { text: 'anon' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'files:anon' }]);
    } finally {
      await open.stop();
    }
  });
});

