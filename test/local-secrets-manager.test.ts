// The local Secrets Manager, driven by the real AWS SDK client the way a user points it at LocalStack.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { startLocalSecretsManager, type LocalSecretsManager } from './support/local-secrets-manager.ts';

/** SdkFailure is what the SDK rejects with: a service exception, or a Node network error with a code. */
interface SdkFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** failureOf runs `call` and returns what it rejected with, failing the test if it succeeded. */
async function failureOf(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    return error as SdkFailure;
  }
  assert.fail('expected the call to fail');
}

describe('local Secrets Manager', () => {
  let aws: LocalSecretsManager;
  let client: SecretsManagerClient;
  const clients: SecretsManagerClient[] = [];

  // maxAttempts 1 keeps failures immediate; the retry test asks for more.
  function clientFor(overrides: Partial<SecretsManagerClientConfig> = {}): SecretsManagerClient {
    const created = new SecretsManagerClient({ region: aws.region, endpoint: aws.url, credentials: aws.credentials, maxAttempts: 1, ...overrides });
    clients.push(created);
    return created;
  }

  before(async () => {
    aws = await startLocalSecretsManager();
    client = clientFor();
  });

  after(async () => {
    for (const created of clients) created.destroy();
    await aws.close();
  });

  beforeEach(() => aws.resetRequests());

  it('answers GetSecretValue by name and by full ARN', async () => {
    aws.putSecret('prod/github', 'token-one');
    const arn = aws.arnOf('prod/github');
    assert.match(arn, /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod\/github-[A-Za-z0-9]{6}$/);

    const byName = await client.send(new GetSecretValueCommand({ SecretId: 'prod/github' }));
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    for (const output of [byName, byArn]) {
      assert.equal(output.SecretString, 'token-one');
      assert.equal(output.Name, 'prod/github');
      assert.equal(output.ARN, arn);
      assert.deepEqual(output.VersionStages, ['AWSCURRENT']);
      assert.ok(output.CreatedDate instanceof Date);
    }
    assert.deepEqual(aws.requests, [
      { operation: 'GetSecretValue', secretIds: ['prod/github'], signed: true },
      { operation: 'GetSecretValue', secretIds: [arn], signed: true },
    ]);
  });

  it('keeps the replaced value as AWSPREVIOUS after a rotation', async () => {
    const firstVersion = aws.putSecret('rotating', 'old-value');
    const secondVersion = aws.putSecret('rotating', 'new-value');

    const current = await client.send(new GetSecretValueCommand({ SecretId: 'rotating' }));
    const previous = await client.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }));
    const byVersion = await client.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: firstVersion }));
    assert.deepEqual([current.SecretString, current.VersionId, current.VersionStages], ['new-value', secondVersion, ['AWSCURRENT']]);
    assert.deepEqual([previous.SecretString, previous.VersionId, previous.VersionStages], ['old-value', firstVersion, ['AWSPREVIOUS']]);
    assert.equal(byVersion.SecretString, 'old-value');

    const thirdVersion = aws.putSecret('rotating', 'newest-value');
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'rotating' }));
    assert.deepEqual(described.VersionIdsToStages, { [secondVersion]: ['AWSPREVIOUS'], [thirdVersion]: ['AWSCURRENT'] });

    const mismatch = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: firstVersion, VersionStage: 'AWSCURRENT' })));
    assert.equal(mismatch.name, 'InvalidRequestException');
  });

  it('answers BatchGetSecretValue with values for known ids and Errors for missing ones', async () => {
    aws.putSecret('batch/a', 'value-a');
    aws.putSecret('batch/b', 'value-b');
    const arnOfB = aws.arnOf('batch/b');

    const output = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ['batch/a', arnOfB, 'batch/missing'] }));
    const values = (output.SecretValues ?? []).map((entry) => [entry.Name, entry.ARN, entry.SecretString, entry.VersionStages]);
    assert.deepEqual(values, [
      ['batch/a', aws.arnOf('batch/a'), 'value-a', ['AWSCURRENT']],
      ['batch/b', arnOfB, 'value-b', ['AWSCURRENT']],
    ]);
    assert.ok(output.SecretValues?.every((entry) => entry.CreatedDate instanceof Date && entry.VersionId !== undefined));
    assert.deepEqual(output.Errors, [
      { SecretId: 'batch/missing', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
    ]);
    assert.deepEqual(aws.requests, [{ operation: 'BatchGetSecretValue', secretIds: ['batch/a', arnOfB, 'batch/missing'], signed: true }]);

    const tooMany = Array.from({ length: 21 }, (_, index) => `batch/${index}`);
    const refused = await failureOf(client.send(new BatchGetSecretValueCommand({ SecretIdList: tooMany })));
    assert.equal(refused.name, 'InvalidParameterException');
  });

  it('describes a secret without its value', async () => {
    const versionId = aws.putSecret('described', 'hidden-value');
    const output = await client.send(new DescribeSecretCommand({ SecretId: aws.arnOf('described') }));
    assert.equal(output.Name, 'described');
    assert.equal(output.ARN, aws.arnOf('described'));
    assert.deepEqual(output.VersionIdsToStages, { [versionId]: ['AWSCURRENT'] });
    assert.ok(output.CreatedDate instanceof Date && output.LastChangedDate instanceof Date);
    assert.equal('SecretString' in output, false);
    assert.doesNotMatch(JSON.stringify(output), /hidden-value/);
  });

  it('rejects a missing or deleted secret with ResourceNotFoundException', async () => {
    const missing = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'never-created' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.message, "Secrets Manager can't find the specified secret.");
    assert.equal(missing.$metadata?.httpStatusCode, 400);

    aws.putSecret('short-lived', 'value');
    const oldArn = aws.arnOf('short-lived');
    aws.deleteSecret('short-lived');
    for (const secretId of ['short-lived', oldArn]) {
      const deleted = await failureOf(client.send(new DescribeSecretCommand({ SecretId: secretId })));
      assert.equal(deleted.name, 'ResourceNotFoundException');
    }
    aws.putSecret('short-lived', 'again');
    assert.notEqual(aws.arnOf('short-lived'), oldArn, 'a recreated secret gets a new ARN suffix');
  });

  it('rejects requests signed with the wrong secret key or an unknown access key', async () => {
    aws.putSecret('guarded', 'value');
    const wrongSecret = clientFor({ credentials: { accessKeyId: aws.credentials.accessKeyId, secretAccessKey: 'not-the-secret-key' } });
    const badSignature = await failureOf(wrongSecret.send(new GetSecretValueCommand({ SecretId: 'guarded' })));
    assert.equal(badSignature.name, 'InvalidSignatureException');
    assert.equal(badSignature.$metadata?.httpStatusCode, 400);

    const strangerClient = clientFor({ credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: aws.credentials.secretAccessKey } });
    const stranger = await failureOf(strangerClient.send(new GetSecretValueCommand({ SecretId: 'guarded' })));
    assert.equal(stranger.name, 'UnrecognizedClientException');

    const otherRegion = clientFor({ region: 'us-east-1' });
    const wrongRegion = await failureOf(otherRegion.send(new GetSecretValueCommand({ SecretId: 'guarded' })));
    assert.equal(wrongRegion.name, 'InvalidSignatureException');

    assert.equal(aws.rejectedRequestCount, 3);
    assert.deepEqual(
      aws.requests.map((entry) => [entry.signed, entry.errorType]),
      [
        [false, 'InvalidSignatureException'],
        [false, 'UnrecognizedClientException'],
        [false, 'InvalidSignatureException'],
      ],
    );
  });

  it('answers an unsigned request with MissingAuthenticationTokenException in the service error shape', async () => {
    const response = await fetch(aws.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
      body: JSON.stringify({ SecretId: 'anything' }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.deepEqual(await response.json(), { __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
    assert.equal(aws.rejectedRequestCount, 1);
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    // Signed by hand, as the SDK has no command for an operation the endpoint does not serve.
    const signer = new SignatureV4({ service: 'secretsmanager', region: aws.region, credentials: aws.credentials, sha256: Sha256 });
    const url = new URL(aws.url);
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.ListSecrets' },
      body: '{}',
    });
    const response = await fetch(aws.url, { method: 'POST', headers: signed.headers, body: '{}' });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      __type: 'UnknownOperationException',
      message: 'The operation ListSecrets is not served by the local Secrets Manager.',
    });
    assert.deepEqual(aws.requests, [{ operation: 'ListSecrets', secretIds: [], signed: true, errorType: 'UnknownOperationException' }]);
  });

  it('throttles the next requests, and the SDK retries through them', async () => {
    aws.putSecret('busy', 'eventually');
    aws.throttleNext(1);
    const throttled = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'busy' })));
    assert.equal(throttled.name, 'ThrottlingException');

    aws.resetRequests();
    aws.throttleNext(2);
    const patient = clientFor({ maxAttempts: 5 });
    const output = await patient.send(new GetSecretValueCommand({ SecretId: 'busy' }));
    assert.equal(output.SecretString, 'eventually');
    assert.equal(output.$metadata.attempts, 3);
    assert.deepEqual(
      aws.requests.map((entry) => [entry.operation, entry.errorType]),
      [
        ['GetSecretValue', 'ThrottlingException'],
        ['GetSecretValue', 'ThrottlingException'],
        ['GetSecretValue', undefined],
      ],
    );
  });

  it('goes dark on stop() and comes back on the same port on start()', async () => {
    aws.putSecret('outage', 'survives');
    await client.send(new GetSecretValueCommand({ SecretId: 'outage' }));
    const url = aws.url;

    await aws.stop();
    const outage = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'outage' })));
    assert.ok(['ECONNREFUSED', 'ECONNRESET'].includes(outage.code ?? ''), `expected a network error, got ${outage.name} ${outage.code}`);
    assert.equal(outage.$metadata?.httpStatusCode, undefined);

    await aws.start();
    assert.equal(aws.url, url);
    const back = await client.send(new GetSecretValueCommand({ SecretId: 'outage' }));
    assert.equal(back.SecretString, 'survives');
  });
});
