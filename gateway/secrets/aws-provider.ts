/**
 * AwsSecretProvider reads `aws:` references from AWS Secrets Manager with the SDK's standard
 * credential chain and region resolution. References to a secret's current version are fetched
 * with BatchGetSecretValue, twenty ids per call; a reference pinned to a version stage or id
 * needs GetSecretValue (the batch call returns current versions only). Several references into
 * one JSON secret cost one fetch.
 *
 * Throttling and server errors are retried by the SDK's standard retry strategy (exponential
 * backoff with full jitter; throttling starts from a longer base delay). What still fails is
 * reported per reference, as transient or not, and the store decides what to serve.
 */
import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import type { AwsSecretReference, SecretReference } from './reference.ts';
import { selectJsonKey, type SecretFault, type SecretOutcome, type SecretProvider } from './provider.ts';
import { SecretValue } from './secret-value.ts';

export interface AwsProviderSettings {
  readonly region: string | null;
  readonly endpoint: string | null;
}

/** The batch API's limit on SecretIdList. */
const batchLimit = 20;
// Attempts per SDK call, throttling included; the store's own refresh backoff comes on top.
const maxAttempts = 4;
const connectionTimeoutMs = 3000;
const requestTimeoutMs = 10_000;
const throttlingErrors = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling']);

interface AwsError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** faultOf classifies an SDK error; only the error's name and status are kept, never a body. */
export function faultOf(error: unknown): SecretFault {
  const failure = error as AwsError;
  const name = failure.name ?? 'Error';
  const status = failure.$metadata?.httpStatusCode;
  if (name === 'ResourceNotFoundException') return { reason: 'AWS Secrets Manager has no such secret (ResourceNotFoundException)', transient: false, notFound: true };
  // DeleteSecret schedules deletion; until then AWS refuses reads with InvalidRequestException.
  // The operator meant to withdraw it, so it counts as gone.
  if (name === 'InvalidRequestException' && /deleted|deletion/i.test(failure.message ?? '')) {
    return { reason: 'the secret is scheduled for deletion in AWS Secrets Manager (InvalidRequestException)', transient: false, notFound: true };
  }
  // No status means no answer at all: refused, reset or timed out.
  const transient = throttlingErrors.has(name) || status === undefined || status >= 500;
  // Without a status there was no answer, and the SDK's message (refused, timed out, no credentials) says why.
  const detail = status === undefined ? `${name}: ${(failure.message ?? 'no answer').slice(0, 200)}` : `${name}, HTTP ${status}`;
  return { reason: `AWS Secrets Manager ${transient ? 'could not be reached or refused for now' : 'refused'} (${detail})`, transient };
}

/** fetchKey is what one fetch retrieves: a secret at its current version, or at a pinned one. */
function fetchKey(reference: AwsSecretReference): string {
  return `${reference.secretId}?${reference.versionStage ?? ''}?${reference.versionId ?? ''}`;
}

export class AwsSecretProvider implements SecretProvider {
  readonly client: SecretsManagerClient;

  constructor(settings: AwsProviderSettings) {
    this.client = new SecretsManagerClient({
      ...(settings.region ? { region: settings.region } : {}),
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      maxAttempts,
      requestHandler: { connectionTimeout: connectionTimeoutMs, requestTimeout: requestTimeoutMs },
    });
  }

  async fetch(references: readonly SecretReference[]): Promise<Map<string, SecretOutcome>> {
    const byKey = new Map<string, AwsSecretReference[]>();
    for (const reference of references as readonly AwsSecretReference[]) {
      const key = fetchKey(reference);
      byKey.set(key, [...(byKey.get(key) ?? []), reference]);
    }
    const texts = new Map<string, SecretOutcome | string>();
    const current = [...byKey.values()].filter(([first]) => !first!.versionStage && !first!.versionId).map(([first]) => first!.secretId);
    const pinned = [...byKey.values()].filter(([first]) => first!.versionStage || first!.versionId).map(([first]) => first!);
    const batches: Promise<void>[] = [];
    for (let start = 0; start < current.length; start += batchLimit) batches.push(this.fetchBatch(current.slice(start, start + batchLimit), texts));
    for (const reference of pinned) batches.push(this.fetchPinned(reference, texts));
    await Promise.all(batches);

    const outcomes = new Map<string, SecretOutcome>();
    for (const [key, group] of byKey) {
      const fetched = texts.get(key) ?? { fault: { reason: 'AWS Secrets Manager did not return the secret', transient: true } };
      for (const reference of group) {
        if (typeof fetched !== 'string') {
          outcomes.set(reference.text, fetched);
          continue;
        }
        const selected = selectJsonKey(fetched, reference.jsonKey);
        outcomes.set(reference.text, typeof selected === 'string' ? { value: new SecretValue(selected) } : selected);
      }
    }
    return outcomes;
  }

  /** describe checks that a secret exists without reading its value (validate --check-secrets). */
  async describe(secretId: string): Promise<SecretFault | undefined> {
    try {
      await this.client.send(new DescribeSecretCommand({ SecretId: secretId }));
      return undefined;
    } catch (error) {
      return faultOf(error);
    }
  }

  destroy(): void {
    this.client.destroy();
  }

  private async fetchBatch(secretIds: readonly string[], texts: Map<string, SecretOutcome | string>): Promise<void> {
    const keyOf = (secretId: string): string => `${secretId}??`;
    let entries: SecretValueEntry[] = [];
    try {
      const answer = await this.client.send(new BatchGetSecretValueCommand({ SecretIdList: [...secretIds] }));
      entries = answer.SecretValues ?? [];
      for (const error of answer.Errors ?? []) {
        if (error.SecretId) texts.set(keyOf(error.SecretId), { fault: faultOf({ name: error.ErrorCode, message: error.Message, $metadata: { httpStatusCode: 400 } }) });
      }
    } catch (error) {
      const fault = faultOf(error);
      for (const secretId of secretIds) texts.set(keyOf(secretId), { fault });
      return;
    }
    // Answers name the secret by Name and full ARN; the config may have used either, or an ARN
    // without the six-character suffix AWS appends.
    for (const entry of entries) {
      for (const secretId of secretIds) {
        const partialArn = secretId.startsWith('arn:') && entry.ARN?.startsWith(`${secretId}-`) === true && entry.ARN.length === secretId.length + 7;
        if (secretId === entry.Name || secretId === entry.ARN || partialArn) texts.set(keyOf(secretId), textOf(entry.SecretString, entry.SecretBinary));
      }
    }
  }

  private async fetchPinned(reference: AwsSecretReference, texts: Map<string, SecretOutcome | string>): Promise<void> {
    try {
      const answer = await this.client.send(
        new GetSecretValueCommand({ SecretId: reference.secretId, VersionStage: reference.versionStage, VersionId: reference.versionId }),
      );
      texts.set(fetchKey(reference), textOf(answer.SecretString, answer.SecretBinary));
    } catch (error) {
      texts.set(fetchKey(reference), { fault: faultOf(error) });
    }
  }
}

function textOf(secretString: string | undefined, secretBinary: Uint8Array | undefined): SecretOutcome | string {
  if (secretString !== undefined) return secretString;
  if (secretBinary !== undefined) return Buffer.from(secretBinary).toString('utf8');
  return { fault: { reason: 'the secret version has no value', transient: false } };
}
