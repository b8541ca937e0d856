// The authentication module against a real OIDC provider (oauth2-mock-server on port 0): token
// verification and its failure reasons, JWKS discovery, rotation and refetch limits, API keys,
// revocation, anonymous access, the RFC 6750/9728 challenge, and that no credential ever shows
// up in an answer or a log line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { decodeJwt, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { OAuth2Server } from 'oauth2-mock-server';
import { Authenticator, type AuthOutcome } from '../gateway/auth/authenticator.ts';
import { SecretStore } from '../gateway/secrets/secret-store.ts';
import { readCredential } from '../gateway/auth/credentials.ts';
import { metadataPaths, protectedResourceMetadata, resourceMetadataUrl } from '../gateway/auth/protected-resource-metadata.ts';
import type { Principal } from '../gateway/auth/principal.ts';
import { wwwAuthenticate } from '../gateway/auth/www-authenticate.ts';
import { loadConfig } from '../gateway/config/load-config.ts';
import { createLogger } from '../gateway/log/logger.ts';
import { compile } from '../gateway/runtime/compile.ts';
import type { Runtime } from '../gateway/runtime/runtime.ts';
import { writeRepository } from './support/temp-repo.ts';

const publicUrl = 'https://mcp.example.com/mcp';
const metadataUrl = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
const bareChallenge = `Bearer resource_metadata="${metadataUrl}"`;
const ciKey = 'pcx_live_ci_0123456789abcdef0123456789';
const oldKey = 'pcx_live_old_0123456789abcdef012345678';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const environment = { CI_KEY_DIGEST: sha256(ciKey), OLD_KEY_DIGEST: sha256(oldKey).toUpperCase(), BROKEN_DIGEST: 'not-a-digest' };

let idp: OAuth2Server;
let issuer: string;
/** secrets lists every token and key a test presented; none may appear in an answer or the log. */
const secrets: string[] = [];
const logs: { text(): string }[] = [];
const authenticators: Authenticator[] = [];
/** fetched records every URL requested through Node's fetch (jose and discovery use it). */
const fetched: string[] = [];
const onRequestCreated = (message: unknown): void => {
  const { request } = message as { request: { origin: string; path: string } };
  fetched.push(`${String(request.origin)}${request.path}`);
};

before(async () => {
  diagnostics.subscribe('undici:request:create', onRequestCreated);
  idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256', { kid: 'k1' });
  await idp.start(0, '127.0.0.1');
  issuer = idp.issuer.url!;
});

after(async () => {
  diagnostics.unsubscribe('undici:request:create', onRequestCreated);
  for (const authenticator of authenticators) authenticator.close();
  await idp.stop();
});

function captureLog(): { logger: ReturnType<typeof createLogger>; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  const log = { logger: createLogger({ level: 'debug', format: 'json' }, stream), text: () => text };
  logs.push(log);
  return log;
}

function newAuthenticator(env: NodeJS.ProcessEnv = environment): { authenticator: Authenticator; log: { text(): string } } {
  const log = captureLog();
  const authenticator = new Authenticator({ logger: log.logger, secrets: new SecretStore({ logger: log.logger, environment: env }) });
  authenticators.push(authenticator);
  return { authenticator, log };
}

async function compileRoot(auth: string, extra = ''): Promise<Runtime> {
  const root = `version: 1
gateway:
  publicUrl: ${publicUrl}
groups:
  eng: {}
  ops: {}
  admins:
    members: [alice, ci-bot]
${extra}auth:
${auth}`;
  const repository = await writeRepository({ 'portcullis.yaml': root });
  try {
    const result = await loadConfig({ explicitPath: repository.folder });
    assert.ok(result.config, JSON.stringify(result.issues, null, 2));
    return compile(result.config);
  } finally {
    await repository.remove();
  }
}

function oidc(settings = ''): string {
  return `  oidc:
    - issuer: ${issuer}
      groupClaims: [groups, realm_access.roles]
      attributeClaims:
        email: email
        teams: teams
        level: level
${settings}`;
}

const apiKeys = `  apiKeys:
    - id: ci
      hash: env:CI_KEY_DIGEST
      principal: ci-bot
      groups: [ops]
    - id: old
      hash: env:OLD_KEY_DIGEST
      principal: old-bot
      expires: "2020-01-01"
    - id: cloud
      hash: aws:prod/keys/cloud
      principal: cloud-bot
    - id: broken
      hash: env:BROKEN_DIGEST
      principal: broken-bot
`;

function request(headers: Record<string, string> = {}, query = ''): { header(name: string): string | undefined; query: string } {
  for (const value of Object.values(headers)) {
    const secret = value.replace(/^bearer\s+/i, '');
    if (secret.length > 8) secrets.push(secret);
  }
  return { header: (name) => headers[name], query };
}

function bearer(token: string): ReturnType<typeof request> {
  return request({ authorization: `Bearer ${token}` });
}

async function token(claims: Record<string, unknown> = {}, options: { kid?: string; expiresIn?: number } = {}): Promise<string> {
  const built = await idp.issuer.buildToken({
    kid: options.kid ?? 'k1',
    ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
    scopesOrTransform: (_header, payload) => {
      Object.assign(payload, { sub: 'alice', aud: publicUrl }, claims);
      for (const [name, value] of Object.entries(claims)) if (value === undefined) delete payload[name];
    },
  });
  secrets.push(built);
  return built;
}

function accepted(outcome: AuthOutcome): Principal {
  assert.ok(outcome.ok, `expected acceptance, got ${JSON.stringify(outcome)}`);
  return outcome.principal;
}

function refused(outcome: AuthOutcome, status: number, reason: string): { header: string; message: string } {
  assert.ok(!outcome.ok, 'expected a refusal');
  assert.equal(outcome.status, status, JSON.stringify(outcome));
  assert.equal(outcome.reason, reason, JSON.stringify(outcome));
  for (const secret of secrets) {
    assert.ok(!JSON.stringify(outcome).includes(secret), 'the refusal does not echo a presented credential');
  }
  return { header: outcome.headers['www-authenticate'] ?? '', message: outcome.message };
}

function invalidTokenChallenge(message = 'The access token is invalid, expired or revoked'): string {
  return `Bearer resource_metadata="${metadataUrl}", error="invalid_token", error_description="${message}"`;
}

const count = (url: string): number => fetched.filter((each) => each === url).length;

test('readCredential tells JWTs, API keys, malformed headers and tokens in the query apart', () => {
  const read = (headers: Record<string, string>, query = ''): string => {
    const credential = readCredential({ header: (name) => headers[name], query }, 'x-api-key');
    return credential.kind === 'malformed' ? `malformed: ${credential.problem}` : credential.kind;
  };
  assert.equal(read({}), 'none');
  assert.equal(read({ authorization: 'bearer aaa.bbb.ccc' }), 'jwt');
  assert.equal(read({ authorization: 'BEARER aaa.bbb.' }), 'jwt', 'an unsigned JWT is still judged as a JWT');
  assert.equal(read({ authorization: 'Bearer pcx_live_key' }), 'api-key');
  assert.equal(read({ 'x-api-key': 'pcx_live_key' }), 'api-key');
  assert.equal(read({ authorization: 'Basic dXNlcjpwYXNz' }), 'malformed: the Authorization header must use the Bearer scheme: "Authorization: Bearer <token>"');
  assert.equal(read({ authorization: 'Bearer ' }), 'malformed: the Authorization header carries an empty bearer token');
  assert.equal(read({ authorization: 'Bearer a b' }), 'malformed: the bearer token contains white space');
  assert.equal(read({ authorization: 'Bearer a.b.c', 'x-api-key': 'k' }), 'malformed: send one credential, either the Authorization header or the x-api-key header, not both');
  assert.equal(read({ authorization: 'Bearer a.b.c' }, 'x=1&access%5Ftoken=a.b.c'), 'token-in-query');

  const credential = readCredential({ header: (name) => (name === 'authorization' ? 'Bearer pcx_live_very_secret' : undefined), query: '' }, 'x-api-key');
  assert.ok(credential.kind === 'api-key');
  assert.equal(credential.key.reveal(), 'pcx_live_very_secret');
  for (const printed of [String(credential.key), JSON.stringify(credential), inspect(credential)]) {
    assert.ok(!printed.includes('very_secret'), printed);
    assert.match(printed, /\[redacted\]/);
  }
});

test('protected resource metadata and its URLs follow RFC 9728', async () => {
  const runtime = await compileRoot(oidc('      requiredScopes: [mcp:tools, mcp:read]\n') + `    - issuer: https://login.example.com\n      requiredScopes: [mcp:tools]\n`);
  assert.equal(resourceMetadataUrl(runtime), metadataUrl);
  assert.deepEqual(metadataPaths(runtime), ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']);
  assert.deepEqual(protectedResourceMetadata(runtime), {
    resource: publicUrl,
    authorization_servers: [issuer, 'https://login.example.com'],
    bearer_methods_supported: ['header'],
    scopes_supported: ['mcp:read', 'mcp:tools'],
    resource_name: 'Portcullis MCP gateway',
  });

  const atRoot = await compileRoot('  anonymous:\n    enabled: true\n');
  const rootOnly = { ...atRoot, gateway: { ...atRoot.gateway, publicUrl: 'https://mcp.example.com/', mcpPath: '/' } };
  assert.equal(resourceMetadataUrl(rootOnly), 'https://mcp.example.com/.well-known/oauth-protected-resource');
  assert.deepEqual(metadataPaths(rootOnly), ['/.well-known/oauth-protected-resource']);
  const proxied = { ...atRoot, gateway: { ...atRoot.gateway, publicUrl: 'https://example.com/tools/mcp', mcpPath: '/mcp' } };
  assert.deepEqual(metadataPaths(proxied), [
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/tools/mcp',
    '/.well-known/oauth-protected-resource/mcp',
  ]);
  assert.equal(protectedResourceMetadata(atRoot).scopes_supported, undefined, 'no required scopes, no scopes_supported');
  assert.ok(!('scopes_supported' in protectedResourceMetadata(atRoot)));

  assert.equal(
    wwwAuthenticate(atRoot, { error: 'invalid_request', description: 'say "hi" \\ bye\r\nx', scope: 'a b' }),
    `Bearer resource_metadata="${metadataUrl}", error="invalid_request", error_description="say \\"hi\\" \\\\ byex", scope="a b"`,
  );
});

test('a valid token, keys found by OIDC discovery, gives the principal its claims, groups, attributes and scopes', async () => {
  const runtime = await compileRoot(oidc());
  const { authenticator } = newAuthenticator();
  const before = fetched.length;
  const presented = await token({
    groups: ['eng', 'eng'],
    realm_access: { roles: ['realm-admin'] },
    email: 'alice@example.com',
    teams: ['blue', 'green'],
    level: 3,
    scope: 'mcp:read mcp:write',
  });
  const principal = accepted(await authenticator.authenticate(runtime, bearer(presented)));
  assert.equal(principal.id, 'alice');
  assert.equal(principal.method, 'jwt');
  assert.equal(principal.credentialId, issuer);
  assert.equal(principal.key, `jwt:${issuer}:alice`);
  assert.deepEqual(principal.groups, ['admins', 'eng', 'realm-admin'], 'token groups, nested roles and static membership, sorted once each');
  assert.deepEqual([...principal.attributes], [['email', 'alice@example.com'], ['teams', ['blue', 'green']]], 'a number claim is not an attribute');
  assert.deepEqual(principal.scopes, ['mcp:read', 'mcp:write']);
  assert.equal(principal.expiresAt, (decodeJwt(presented).exp as number) * 1000);
  assert.equal(principal.claims.email, 'alice@example.com');
  assert.ok(Object.isFrozen(principal) && Object.isFrozen(principal.groups) && Object.isFrozen(principal.claims));
  assert.deepEqual(fetched.slice(before), [`${issuer}/.well-known/openid-configuration`, `${issuer}/jwks`]);

  // The second request is served from the token cache and the key cache: no fetch at all.
  accepted(await authenticator.authenticate(runtime, bearer(presented)));
  accepted(await authenticator.authenticate(runtime, bearer(await token({ scp: ['a', 'b'] }))));
  assert.equal(fetched.length, before + 2);
});

test('an explicit jwksUrl skips discovery, and verifiers with unchanged key settings survive a reload', async () => {
  const { authenticator } = newAuthenticator();
  const first = await compileRoot(oidc(`      jwksUrl: ${issuer}/jwks\n`));
  const reloaded = await compileRoot(oidc(`      jwksUrl: ${issuer}/jwks\n      requiredScopes: [mcp:read]\n`));
  const retuned = await compileRoot(oidc(`      jwksUrl: ${issuer}/jwks\n      jwksCacheTtl: 5m\n`));
  const discoveries = count(`${issuer}/.well-known/openid-configuration`);
  const jwks = count(`${issuer}/jwks`);
  const principal = accepted(await authenticator.authenticate(first, bearer(await token({ scope: 'mcp:read' }))));
  assert.equal(principal.id, 'alice');
  assert.equal(count(`${issuer}/jwks`), jwks + 1);
  accepted(await authenticator.authenticate(reloaded, bearer(await token({ scope: 'mcp:read' }))));
  assert.equal(count(`${issuer}/jwks`), jwks + 1, 'same issuer, same key settings: the cached keys are reused');
  accepted(await authenticator.authenticate(retuned, bearer(await token())));
  assert.equal(count(`${issuer}/jwks`), jwks + 2, 'another cache TTL is another verifier');
  assert.equal(count(`${issuer}/.well-known/openid-configuration`), discoveries, 'no discovery');
});

test('expired, other-audience, unsigned, HS256-with-public-key, unknown-key and tampered tokens get 401 invalid_token', async () => {
  const runtime = await compileRoot(oidc());
  const { authenticator } = newAuthenticator();
  const before = fetched.length;

  const unsigned = new UnsecuredJWT({ sub: 'mallory' }).setIssuer(issuer).setAudience(publicUrl).setExpirationTime('10m').encode();
  const publicJwk = idp.issuer.keys.toJSON().find((key) => key.kid === 'k1')!;
  const publicPem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  const hs256 = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(issuer).setAudience(publicUrl).setExpirationTime('10m').sign(new TextEncoder().encode(publicPem));
  for (const [label, presented] of [['alg none', unsigned], ['HS256', hs256]] as const) {
    secrets.push(presented);
    const { header } = refused(await authenticator.authenticate(runtime, bearer(presented)), 401, 'algorithm');
    assert.equal(header, invalidTokenChallenge(), label);
  }
  assert.equal(fetched.length, before, 'a token with a refused algorithm causes no key fetch');

  const { privateKey } = await generateKeyPair('RS256');
  const foreign = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'RS256', kid: 'intruder' }).setIssuer(issuer).setAudience(publicUrl).setExpirationTime('10m').sign(privateKey);
  secrets.push(foreign);
  const valid = await token();
  const [header, , signature] = valid.split('.');
  const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(valid), sub: 'mallory' })).toString('base64url')}.${signature}`;
  secrets.push(tampered);

  const cases: [string, string, string][] = [
    ['expired', await token({}, { expiresIn: -3600 }), 'expired'],
    ['another audience', await token({ aud: 'https://other.example.com/mcp' }), 'audience'],
    ['not yet valid', await token({ nbf: Math.floor(Date.now() / 1000) + 3600 }), 'not-yet-valid'],
    ['no expiry', await token({ exp: undefined }), 'missing-claim'],
    ['no subject', await token({ sub: undefined }), 'missing-claim'],
    ['another issuer', await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://evil.example.com').setAudience(publicUrl).setExpirationTime('10m').sign(privateKey), 'issuer'],
    ['an unknown signing key', foreign, 'unknown-key'],
    ['a tampered payload', tampered, 'signature'],
    ['not a JWT', 'e30.e30.e30', 'malformed'],
  ];
  for (const [label, presented, reason] of cases) {
    secrets.push(presented);
    const { header: challenge, message } = refused(await authenticator.authenticate(runtime, bearer(presented)), 401, reason);
    assert.equal(challenge, invalidTokenChallenge(), label);
    assert.equal(message, 'The access token is invalid, expired or revoked', label);
  }
});

test('a token in the query string gets 400 invalid_request, even with a valid Authorization header', async () => {
  const runtime = await compileRoot(oidc());
  const { authenticator } = newAuthenticator();
  const presented = await token();
  const outcome = await authenticator.authenticate(runtime, request({ authorization: `Bearer ${presented}` }, `access_token=${presented}`));
  const { header, message } = refused(outcome, 400, 'token-in-query');
  assert.equal(message, 'Access tokens must not be sent in the query string; send them in the Authorization header');
  assert.equal(header, `Bearer resource_metadata="${metadataUrl}", error="invalid_request", error_description="${message}"`);
});

test('a malformed Authorization header gets 400 invalid_request; no credential gets a bare 401 challenge', async () => {
  const runtime = await compileRoot(oidc() + apiKeys);
  const { authenticator } = newAuthenticator();
  const malformed: Record<string, string>[] = [{ authorization: 'Basic dXNlcjpzZWNyZXQ=' }, { authorization: 'Bearer' }, { authorization: `Bearer ${ciKey}`, 'x-api-key': ciKey }];
  for (const headers of malformed) {
    const { header } = refused(await authenticator.authenticate(runtime, request(headers)), 400, 'malformed-credential');
    assert.match(header, /^Bearer resource_metadata="[^"]+", error="invalid_request", error_description="Malformed credential: /);
  }
  const none = refused(await authenticator.authenticate(runtime, request()), 401, 'no-credential');
  assert.equal(none.header, bareChallenge);
});

test('a token without an issuer’s required scopes gets 403 insufficient_scope naming them', async () => {
  const runtime = await compileRoot(oidc('      requiredScopes: [mcp:tools, mcp:read]\n'));
  const { authenticator } = newAuthenticator();
  const { header, message } = refused(await authenticator.authenticate(runtime, bearer(await token({ scope: 'openid mcp:read' }))), 403, 'insufficient-scope');
  assert.equal(message, 'The access token lacks required scopes: mcp:tools');
  assert.equal(header, `Bearer resource_metadata="${metadataUrl}", error="insufficient_scope", error_description="${message}", scope="mcp:tools mcp:read"`);
  const principal = accepted(await authenticator.authenticate(runtime, bearer(await token({ scp: 'mcp:tools mcp:read' }))));
  assert.deepEqual(principal.scopes, ['mcp:tools', 'mcp:read']);
});

test('a key rotated in at the IdP is accepted at once, and unknown kids refetch the JWKS at most once per cooldown', async () => {
  const runtime = await compileRoot(oidc(`      jwksUrl: ${issuer}/jwks\n      jwksCooldown: 400ms\n`));
  const { authenticator } = newAuthenticator();
  const jwksUrl = `${issuer}/jwks`;
  const start = count(jwksUrl);
  accepted(await authenticator.authenticate(runtime, bearer(await token())));
  assert.equal(count(jwksUrl), start + 1);

  await idp.issuer.keys.generate('RS256', { kid: 'k2' });
  const rotated = accepted(await authenticator.authenticate(runtime, bearer(await token({ sub: 'bob' }, { kid: 'k2' }))));
  assert.equal(rotated.id, 'bob');
  assert.equal(count(jwksUrl), start + 2, 'the new kid caused one refetch');

  const { privateKey } = await generateKeyPair('RS256');
  const forged = async (kid: string): Promise<string> => {
    const presented = await new SignJWT({ sub: 'mallory' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(issuer).setAudience(publicUrl).setExpirationTime('10m').sign(privateKey);
    secrets.push(presented);
    return presented;
  };
  for (const kid of ['x1', 'x2', 'x3']) refused(await authenticator.authenticate(runtime, bearer(await forged(kid))), 401, 'unknown-key');
  assert.equal(count(jwksUrl), start + 2, 'within the cooldown, unknown kids cause no refetch');

  await new Promise((resolve) => setTimeout(resolve, 450));
  const flood = await Promise.all(['y1', 'y2', 'y3', 'y4', 'y5'].map(async (kid) => authenticator.authenticate(runtime, bearer(await forged(kid)))));
  for (const outcome of flood) refused(outcome, 401, 'unknown-key');
  assert.equal(count(jwksUrl), start + 3, 'after the cooldown, a flood of unknown kids causes exactly one refetch');
});

test('API keys: a valid key by Bearer or header, a wrong one, an expired one, a revoked one; unusable digests are warned about once', async () => {
  const runtime = await compileRoot(apiKeys);
  const { authenticator, log } = newAuthenticator();
  for (const presented of [request({ authorization: `Bearer ${ciKey}` }), request({ 'x-api-key': ciKey })]) {
    const principal = accepted(await authenticator.authenticate(runtime, presented));
    assert.deepEqual({ ...principal, attributes: [...principal.attributes] }, {
      id: 'ci-bot', groups: ['admins', 'ops'], method: 'api-key', key: 'api-key:ci-bot', credentialId: 'ci', attributes: [], claims: {}, scopes: [], expiresAt: null,
    });
  }
  const wrong = refused(await authenticator.authenticate(runtime, request({ 'x-api-key': `${ciKey}x` })), 401, 'unknown-api-key');
  assert.equal(wrong.header, invalidTokenChallenge('The API key is invalid, expired or revoked'));
  refused(await authenticator.authenticate(runtime, request({ authorization: `Bearer ${oldKey}` })), 401, 'expired');

  const warnings = log.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.level === 'warn');
  assert.deepEqual(warnings.map((entry) => [entry.apiKey, entry.reference]), [
    ['cloud', 'aws:prod/keys/cloud'],
    ['broken', 'env:BROKEN_DIGEST'],
  ], 'each unusable key is reported once per config (four requests here), by id and reference');
  assert.match(String(warnings[0]!.problem), /aws:prod\/keys\/cloud is unavailable: it has not been fetched yet/, 'this store was never loaded: no AWS here');
  assert.equal(warnings[1]!.problem, 'the secret is not a SHA-256 hex digest (64 hexadecimal characters)');
  assert.ok(!log.text().includes('not-a-digest'), 'the unusable value itself is never logged');

  const revoked = await compileRoot(apiKeys + '  revoked:\n    apiKeys: [ci]\n');
  refused(await authenticator.authenticate(revoked, request({ 'x-api-key': ciKey })), 401, 'revoked');
  const revokedPrincipal = await compileRoot(apiKeys + '  revoked:\n    principals: [ci-bot]\n');
  refused(await authenticator.authenticate(revokedPrincipal, request({ 'x-api-key': ciKey })), 401, 'revoked');

  const unset = newAuthenticator({});
  refused(await unset.authenticator.authenticate(runtime, request({ 'x-api-key': ciKey })), 401, 'unknown-api-key');
  assert.match(unset.log.text(), /"apiKey":"ci".*"problem":"the environment variable it names is not set"/);
});

test('a revoked subject is refused on its next request even while its token is cached, and a cached token outlives a key outage', async () => {
  const outage = new OAuth2Server();
  await outage.issuer.keys.generate('RS256', { kid: 'o1' });
  await outage.start(0, '127.0.0.1');
  const outageIssuer = outage.issuer.url!;
  const auth = `  oidc:
    - issuer: ${outageIssuer}
      jwksUrl: ${outageIssuer}/jwks
      jwksCacheTtl: 200ms
`;
  const runtime = await compileRoot(auth);
  const { authenticator, log } = newAuthenticator();
  const build = async (sub: string): Promise<string> => {
    const presented = await outage.issuer.buildToken({ kid: 'o1', scopesOrTransform: (_header, payload) => Object.assign(payload, { sub, aud: publicUrl }) });
    secrets.push(presented);
    return presented;
  };
  const alice = await build('alice');
  const carol = await build('carol');
  accepted(await authenticator.authenticate(runtime, bearer(alice)));
  // A reload that revokes her builds new issuers (a fresh token cache); she is refused at once.
  const reloaded = await compileRoot(auth + '  revoked:\n    principals: [alice]\n');
  refused(await authenticator.authenticate(reloaded, bearer(alice)), 401, 'revoked');
  await outage.stop();
  await new Promise((resolve) => setTimeout(resolve, 250));

  // The keys are stale and cannot be refetched: an uncached token is refused for that...
  refused(await authenticator.authenticate(runtime, bearer(carol)), 401, 'keys-unavailable');
  refused(await authenticator.authenticate(runtime, bearer(carol)), 401, 'keys-unavailable');
  // ...so alice being accepted proves her verification came from the cache.
  assert.equal(accepted(await authenticator.authenticate(runtime, bearer(alice))).id, 'alice');
  // A Runtime sharing the issuers list (the token cache key) but revoking her refuses her from
  // the cache hit; without the revocation check on hits this would be accepted.
  const revoking: Runtime = { ...runtime, auth: { ...runtime.auth, revokedPrincipals: new Set(['alice']) } };
  refused(await authenticator.authenticate(revoking, bearer(alice)), 401, 'revoked');
  assert.equal(accepted(await authenticator.authenticate(runtime, bearer(alice))).id, 'alice', 'the cache itself was not touched');

  const warnings = log.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.level === 'warn');
  assert.equal(warnings.length, 1, 'one warning per outage, not one per request');
  assert.equal(warnings[0]!.issuer, outageIssuer);
});

test('a failed OIDC discovery is not cached: the next request tries again', async () => {
  const late = new OAuth2Server();
  await late.issuer.keys.generate('RS256', { kid: 'l1' });
  await late.start(0, '127.0.0.1');
  const lateIssuer = late.issuer.url!;
  const presented = await late.issuer.buildToken({ kid: 'l1', scopesOrTransform: (_header, payload) => Object.assign(payload, { sub: 'dave', aud: publicUrl }) });
  secrets.push(presented);
  const port = new URL(lateIssuer).port;
  await late.stop();
  const runtime = await compileRoot(`  oidc:\n    - issuer: ${lateIssuer}\n`);
  const { authenticator } = newAuthenticator();
  refused(await authenticator.authenticate(runtime, bearer(presented)), 401, 'keys-unavailable');
  const restarted = new OAuth2Server();
  await restarted.issuer.keys.add(late.issuer.keys.toJSON(true)[0]!);
  await restarted.start(Number(port), '127.0.0.1');
  try {
    assert.equal(accepted(await authenticator.authenticate(runtime, bearer(presented))).id, 'dave');
  } finally {
    await restarted.stop();
  }
});

test('anonymous access only where enabled, and a presented but bad credential never falls back to it', async () => {
  const runtime = await compileRoot(oidc() + apiKeys + '  anonymous:\n    enabled: true\n    principal: guest\n    groups: [eng]\n');
  const { authenticator } = newAuthenticator();
  const principal = accepted(await authenticator.authenticate(runtime, request()));
  assert.deepEqual({ ...principal, attributes: [...principal.attributes] }, {
    id: 'guest', groups: ['eng'], method: 'anonymous', key: 'anonymous:guest', credentialId: null, attributes: [], claims: {}, scopes: [], expiresAt: null,
  });
  assert.ok(Object.isFrozen(principal));
  refused(await authenticator.authenticate(runtime, bearer(await token({}, { expiresIn: -3600 }))), 401, 'expired');
  refused(await authenticator.authenticate(runtime, request({ 'x-api-key': 'pcx_live_guess_000000000' })), 401, 'unknown-api-key');
  refused(await authenticator.authenticate(runtime, request({ authorization: 'Basic Z3Vlc3Q6' })), 400, 'malformed-credential');

  const closed = await compileRoot(oidc());
  const none = refused(await authenticator.authenticate(closed, request()), 401, 'no-credential');
  assert.equal(none.header, bareChallenge);
});

test('a JWT when no issuer is configured is refused as invalid_token', async () => {
  const runtime = await compileRoot(apiKeys);
  const { authenticator } = newAuthenticator();
  const { header } = refused(await authenticator.authenticate(runtime, bearer(await token())), 401, 'no-issuers');
  assert.equal(header, invalidTokenChallenge());
});

test('no token or key appears in any log line', () => {
  assert.ok(secrets.length > 20, `the tests presented ${secrets.length} credentials`);
  const text = logs.map((log) => log.text()).join('\n');
  assert.match(text, /"level":"debug".*auth: request refused/, 'refusals were logged, so the check below means something');
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), 'a presented credential is in the log');
    const signature = secret.split('.')[2];
    if (signature && signature.length > 16) assert.ok(!text.includes(signature), 'a token signature is in the log');
  }
  assert.ok(!text.includes(ciKey) && !text.includes(sha256(ciKey)), 'neither the API key nor its digest is logged');
});
