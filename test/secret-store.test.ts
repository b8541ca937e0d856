/**
 * The secret store and its parts: SecretValue's redaction, binding per-principal references,
 * fallbacks, the store's cache, refresh, staleness and faults (with a scripted provider), the
 * AWS provider's pinned versions against the local Secrets Manager, and
 * `validate --check-secrets` as CI runs it.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { format, inspect } from 'node:util';
import type { Principal } from '../gateway/auth/principal.ts';
import { createLogger } from '../gateway/log/logger.ts';
import { AwsSecretProvider, faultOf } from '../gateway/secrets/aws-provider.ts';
import { bindReference, bindTemplate } from '../gateway/secrets/bind-principal.ts';
import type { SecretOutcome, SecretProvider } from '../gateway/secrets/provider.ts';
import { parseSecretReference, type SecretReference } from '../gateway/secrets/reference.ts';
import { NotProvisionedError, resolveTemplate } from '../gateway/secrets/resolve-template.ts';
import { SecretUnavailableError, type SecretSource } from '../gateway/secrets/secret-source.ts';
import { SecretStore, type SecretsSettings } from '../gateway/secrets/secret-store.ts';
import { SecretValue } from '../gateway/secrets/secret-value.ts';
import { parseTemplate, type Template } from '../gateway/secrets/template.ts';
import { startLocalSecretsManager, type LocalSecretsManager } from './support/local-secrets-manager.ts';
import { runCli } from './support/run-cli.ts';
import { writeRepository } from './support/temp-repo.ts';

function reference(text: string): SecretReference {
  const parsed = parseSecretReference(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
}

function template(text: string): Template {
  const parsed = parseTemplate(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
}

function principal(id: string, attributes: Record<string, string> = {}): Principal {
  return { id, groups: [], method: 'api-key', key: `api-key:${id}`, credentialId: id, attributes: new Map(Object.entries(attributes)), claims: {}, scopes: [], expiresAt: null };
}

test('SecretValue shows a redaction in every string, JSON and inspect form; reveal gives the value', () => {
  const value = new SecretValue('s3cr3t-value');
  const forms = [String(value), `${value}`, JSON.stringify({ value }), inspect(value), inspect({ nested: [value] }), format('%s %o %O %j', value, value, { value }, { value })];
  for (const form of forms) assert.ok(!form.includes('s3cr3t'), form);
  assert.equal(value.reveal(), 's3cr3t-value');
  assert.ok(value.equals(new SecretValue('s3cr3t-value')) && !value.equals(new SecretValue('other')));
});

test('binding fills placeholders from verified identity, and refuses values that would leave one secret-name segment', () => {
  const bound = bindReference(reference('aws:mcp/users/{principal.id}/github#token'), principal('alice@example.com'));
  assert.deepEqual(bound && { text: bound.text, secretId: (bound as { secretId: string }).secretId, boundFrom: bound.boundFrom, placeholders: bound.placeholders }, {
    text: 'aws:mcp/users/alice@example.com/github#token',
    secretId: 'mcp/users/alice@example.com/github',
    boundFrom: 'aws:mcp/users/{principal.id}/github#token',
    placeholders: [],
  });
  const file = bindReference(reference('file:users/{principal.attributes.team}/token'), principal('bob', { team: 'infra' }));
  assert.equal(file && (file as { path: string }).path, 'users/infra/token');
  for (const unsafe of ['../../etc/passwd', 'alice/admin', '..', 'has space']) {
    assert.equal(bindReference(reference('file:users/{principal.id}/token'), principal(unsafe)), undefined, unsafe);
  }
  assert.equal(bindReference(reference('aws:users/{principal.attributes.team}'), principal('carol')), undefined, 'a missing attribute fills nothing');
  const keyed = bindReference(reference('aws:mcp/users#{principal.id}'), principal('dave'));
  assert.equal(keyed && (keyed as { jsonKey?: string }).jsonKey, 'dave', 'a placeholder in the JSON key is filled too');
  assert.throws(() => bindTemplate(template('${aws:users/{principal.id}/gh}'), principal('a/b')), NotProvisionedError);
});

describe('per-principal fallbacks', () => {
  const outcomes: Record<string, SecretValue | SecretUnavailableError> = {
    'aws:users/alice/gh#token': new SecretValue('alice-token'),
    'aws:users/bob/gh#token': new SecretUnavailableError('aws:users/bob/gh#token', 'no such secret', true),
    'aws:users/dave/gh#token': new SecretUnavailableError('aws:users/dave/gh#token', 'AWS unreachable', false),
    'aws:shared/gh#token': new SecretValue('shared-token'),
  };
  const source: SecretSource = {
    generation: 0,
    value(ref) {
      const outcome = outcomes[ref.text];
      if (outcome instanceof SecretUnavailableError) throw outcome;
      return outcome;
    },
  };
  const resolveFor = (id: string, text: string): string | undefined => resolveTemplate(bindTemplate(template(text), principal(id)), source);

  test('the next alternative is used only when the per-principal secret does not exist', () => {
    const withFallback = 'Bearer ${aws:users/{principal.id}/gh#token || aws:shared/gh#token}';
    assert.equal(resolveFor('alice', withFallback), 'Bearer alice-token');
    assert.equal(resolveFor('bob', withFallback), 'Bearer shared-token');
    assert.throws(() => resolveFor('dave', withFallback), /AWS unreachable/, 'an outage never swaps in the shared credential');
  });

  test('without a fallback, a missing per-principal secret is NotProvisionedError naming the template', () => {
    assert.throws(
      () => resolveFor('bob', 'Bearer ${aws:users/{principal.id}/gh#token}'),
      (error: unknown) => error instanceof NotProvisionedError && error.reference === 'aws:users/{principal.id}/gh#token',
    );
  });
});

describe('SecretStore', () => {
  const settings = (refreshIntervalMs: number, maxStalenessMs: number | null = null): SecretsSettings => ({
    aws: { region: 'eu-west-1', endpoint: null, refreshIntervalMs, refreshJitter: 0.1, maxStalenessMs },
    file: { root: '/nonexistent', refreshIntervalMs: 60_000 },
  });
  /** ScriptedProvider answers from a table the test edits, counting fetches. */
  class ScriptedProvider implements SecretProvider {
    readonly answers = new Map<string, SecretOutcome>();
    fetches = 0;
    async fetch(references: readonly SecretReference[]): Promise<Map<string, SecretOutcome>> {
      this.fetches++;
      return new Map(references.map((ref) => [ref.text, this.answers.get(ref.text) ?? { fault: { reason: 'unscripted', transient: true } }]));
    }
  }
  const silent = createLogger({ level: 'debug', format: 'json' }, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  const token = reference('aws:prod/token');
  const stores: SecretStore[] = [];
  const newStore = (provider: ScriptedProvider): SecretStore => {
    const store = new SecretStore({ logger: silent, environment: { FROM_ENV: 'env-value' }, providers: { aws: provider } });
    stores.push(store);
    return store;
  };
  after(() => stores.forEach((store) => store.close()));

  test('fetches at load, refreshes in the background, and tells listeners what changed', async () => {
    const provider = new ScriptedProvider();
    provider.answers.set(token.text, { value: new SecretValue('v1') });
    const store = newStore(provider);
    const changes: string[][] = [];
    store.onChange((changed) => changes.push([...changed]));
    await store.setShared(settings(30), [token, reference('env:FROM_ENV')]);
    assert.equal(store.value(token)?.reveal(), 'v1');
    assert.equal(store.value(reference('env:FROM_ENV'))?.reveal(), 'env-value');
    assert.equal(store.value(reference('env:UNSET')), undefined);
    provider.answers.set(token.text, { value: new SecretValue('v2') });
    const deadline = Date.now() + 5000;
    while (changes.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(changes, [['aws:prod/token']]);
    assert.equal(store.value(token)?.reveal(), 'v2');
  });

  test('a transient fault keeps the cached value and reports staleness; past maxStaleness nothing is served; a deleted secret is dropped', async () => {
    const provider = new ScriptedProvider();
    provider.answers.set(token.text, { value: new SecretValue('cached') });
    const store = newStore(provider);
    await store.setShared(settings(20, 400), [token]);
    provider.answers.set(token.text, { fault: { reason: 'ECONNREFUSED', transient: true } });
    const deadline = Date.now() + 5000;
    while (!store.health().aws?.failing && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(store.value(token)?.reveal(), 'cached', 'served from the cache while the provider fails');
    assert.equal(store.health().aws?.lastError, 'ECONNREFUSED');
    await new Promise((resolve) => setTimeout(resolve, 450));
    assert.ok(store.health().aws!.stalenessMs >= 400);
    assert.throws(() => store.value(token), /older than secrets\.aws\.maxStaleness/);

    provider.answers.set(token.text, { value: new SecretValue('fresh') });
    while (store.health().aws?.failing && Date.now() < deadline + 5000) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(store.value(token)?.reveal(), 'fresh');
    provider.answers.set(token.text, { fault: { reason: 'no such secret', transient: false, notFound: true } });
    while (Date.now() < deadline + 10_000) {
      try {
        store.value(token);
      } catch (error) {
        assert.match((error as Error).message, /secret aws:prod\/token is unavailable: no such secret/);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail('a deleted secret stays served');
  });

  test('forceRefresh skips values fetched after the refused call and spaces refetches', async () => {
    const provider = new ScriptedProvider();
    provider.answers.set(token.text, { value: new SecretValue('v1') });
    const store = newStore(provider);
    await store.setShared(settings(600_000), [token]);
    const before = provider.fetches;
    await store.forceRefresh([token], Date.now() - 60_000);
    assert.equal(provider.fetches, before, 'fetched after the call was sent: nothing to refetch');
    await store.forceRefresh([token], Date.now() + 1);
    await store.forceRefresh([token], Date.now() + 1);
    assert.equal(provider.fetches, before + 1, 'a second refusal within a second does not refetch');
  });

  test('refusals that arrive during a refetch wait for it instead of retrying with the old value', async () => {
    const provider = new ScriptedProvider();
    provider.answers.set(token.text, { value: new SecretValue('v1') });
    const store = newStore(provider);
    await store.setShared(settings(600_000), [token]);
    const slowFetch = provider.fetch.bind(provider);
    let delayMs = 0;
    provider.fetch = async (refs) => {
      const answer = await slowFetch(refs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return answer;
    };
    delayMs = 100;
    provider.answers.set(token.text, { value: new SecretValue('v2') });
    const sent = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([store.forceRefresh([token], sent), store.forceRefresh([token], sent).then(() => assert.equal(store.value(token)?.reveal(), 'v2', 'the second refusal saw the new value'))]);

  });
});

test('a secret scheduled for deletion counts as gone, like one that does not exist', () => {
  const scheduled = faultOf({ name: 'InvalidRequestException', message: "You can't perform this operation on the secret because it was marked for deletion.", $metadata: { httpStatusCode: 400 } });
  assert.deepEqual([scheduled.notFound, scheduled.transient], [true, false]);
  const throttled = faultOf({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
  assert.deepEqual([throttled.notFound, throttled.transient], [undefined, true]);
  const denied = faultOf({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  assert.deepEqual([denied.notFound, denied.transient], [undefined, false], 'a client error is not retried as transient');
});

describe('the AWS provider and validate --check-secrets against the local Secrets Manager', () => {
  let aws: LocalSecretsManager;
  const environment = (): NodeJS.ProcessEnv => ({ AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey, AWS_REGION: aws.region });

  before(async () => {
    aws = await startLocalSecretsManager();
    aws.putSecret('prod/db', JSON.stringify({ user: 'app', password: 'pw-first' }));
    aws.putSecret('prod/db', JSON.stringify({ user: 'app', password: 'pw-second' }));
  });
  after(() => aws.close());

  test('keys of one JSON secret cost one fetch; a pinned stage is fetched by itself', async () => {
    const provider = new AwsSecretProvider({ region: aws.region, endpoint: aws.url });
    Object.assign(process.env, environment());
    aws.resetRequests();
    try {
      const refs = ['aws:prod/db#user', 'aws:prod/db#password', 'aws:prod/db?stage=AWSPREVIOUS#password', 'aws:prod/db#nokey', 'aws:prod/none'].map(reference);
      const outcomes = await provider.fetch(refs);
      const shown = Object.fromEntries([...outcomes].map(([text, outcome]) => [text, 'value' in outcome ? outcome.value.reveal() : outcome.fault.reason]));
      assert.deepEqual(shown, {
        'aws:prod/db#user': 'app',
        'aws:prod/db#password': 'pw-second',
        'aws:prod/db?stage=AWSPREVIOUS#password': 'pw-first',
        'aws:prod/db#nokey': 'the JSON secret has no string key "nokey"',
        'aws:prod/none': 'AWS Secrets Manager has no such secret (ResourceNotFoundException)',
      });
      assert.deepEqual(aws.requests.map((request) => [request.operation, request.secretIds]).sort(), [
        ['BatchGetSecretValue', ['prod/db', 'prod/none']],
        ['GetSecretValue', ['prod/db']],
      ]);
    } finally {
      provider.destroy();
    }
  });

  test('validate --check-secrets asks DescribeSecret for each shared reference and reports a missing one at its line', async () => {
    const repository = await writeRepository({
      'portcullis.yaml': `version: 1\nauth:\n  anonymous:\n    enabled: true\nsecrets:\n  aws:\n    endpoint: ${aws.url}\n`,
      'servers/db.yaml': 'id: db\ntransport:\n  type: stdio\n  command: db-mcp\n  env:\n    DB_PASSWORD: "${aws:prod/db#password}"\n    DB_ADMIN: "${aws:prod/db-admin#password}"\n    USER_TOKEN: "${aws:users/{principal.id}/db}"\n',
    });
    aws.resetRequests();
    try {
      const result = await runCli(['validate', repository.folder, '--check-secrets'], environment());
      assert.equal(result.exitCode, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /^servers\/db\.yaml:7:15: error PCX_ERR_SECRET_NOT_FOUND at transport\.env\.DB_ADMIN$/m);
      assert.match(result.stdout, /aws:prod\/db-admin#password: AWS Secrets Manager has no such secret/);
      assert.equal(result.stdout.match(/error PCX_ERR_SECRET_/g)?.length, 1, 'only the missing secret is reported; the per-principal one is counted, not checked');
      assert.match(result.stdout, /^checked 2 AWS secret\(s\) with DescribeSecret \(values are never read\); 1 per-principal reference\(s\)/m);
      assert.deepEqual([...new Set(aws.requests.map((request) => request.operation))], ['DescribeSecret'], 'never the value');
      assert.deepEqual(aws.requests.map((request) => request.secretIds[0]).sort(), ['prod/db', 'prod/db-admin']);
      assert.ok(!/pw-(first|second)/.test(result.stdout + result.stderr));

      const offline = await runCli(['validate', repository.folder], environment());
      assert.equal(offline.exitCode, 0, 'without the flag nothing is asked of AWS');
    } finally {
      await repository.remove();
    }
  });
});
