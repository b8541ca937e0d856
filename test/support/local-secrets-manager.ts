/**
 * startLocalSecretsManager runs a stand-in for AWS Secrets Manager on 127.0.0.1 so tests can point
 * the real AWS SDK at it, the way one points the SDK at LocalStack. It speaks the AWS JSON 1.1
 * protocol, verifies every SigV4 signature against its own test credentials, and fails in the
 * service's own error shapes, so the SDK's error names, retries and metadata behave as in
 * production. The handle lets a test rotate and delete secrets, throttle requests and cause an
 * outage (stop, then start on the same port).
 *
 * It serves GetSecretValue, BatchGetSecretValue (by SecretIdList) and DescribeSecret; any other
 * operation answers UnknownOperationException. It prints nothing, and its request log holds secret
 * ids, never values.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface LocalAwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface LocalSecretsManagerOptions {
  /** region is the only region the endpoint accepts in signatures and writes into ARNs; defaults to eu-west-1. */
  readonly region?: string;
  /** credentials are the only ones the endpoint accepts; defaults to a fresh random pair per endpoint. */
  readonly credentials?: LocalAwsCredentials;
}

/** RecordedRequest is one request as the endpoint saw it, for assertions on how a client called AWS. */
export interface RecordedRequest {
  /** operation is the name after `secretsmanager.` in X-Amz-Target, or '' when the header is absent. */
  readonly operation: string;
  /** secretIds are the SecretId or SecretIdList entries exactly as sent (names or ARNs). */
  readonly secretIds: readonly string[];
  /** signed is true when the request carried a valid signature by the endpoint's credentials. */
  readonly signed: boolean;
  /** errorType is the `__type` the request was answered with; absent when it succeeded. */
  readonly errorType?: string;
}

export interface LocalSecretsManager {
  /** url is the endpoint to give the SDK, e.g. http://127.0.0.1:40123; it survives stop() and start(). */
  readonly url: string;
  readonly region: string;
  /** credentials are the ones to give the SDK, or to export as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  readonly credentials: LocalAwsCredentials;
  /** requests is a snapshot of the request log since the start or the last resetRequests(). */
  readonly requests: readonly RecordedRequest[];
  /** rejectedRequestCount counts the logged requests refused by the signature check. */
  readonly rejectedRequestCount: number;
  /**
   * putSecret creates the secret, or rotates it: the new version becomes AWSCURRENT and the one it
   * replaces becomes AWSPREVIOUS. It returns the new VersionId.
   */
  putSecret(name: string, value: string): string;
  /** deleteSecret removes the secret at once, as ForceDeleteWithoutRecovery would; a later putSecret gets a new ARN. */
  deleteSecret(name: string): void;
  /** arnOf gives the full ARN of an existing secret, random six-character suffix included. */
  arnOf(name: string): string;
  /** throttleNext answers the next `count` correctly signed requests, of any operation, with ThrottlingException. */
  throttleNext(count: number): void;
  resetRequests(): void;
  /** stop closes the listener and every open connection, so clients see a dead port, as in an outage. */
  stop(): Promise<void>;
  /** start listens again on the same port after stop(); secrets and the log are kept. */
  start(): Promise<void>;
  /** close stops the endpoint for good. */
  close(): Promise<void>;
}

const signingService = 'secretsmanager';
const targetPrefix = 'secretsmanager.';
const accountId = '123456789012';
const currentStage = 'AWSCURRENT';
const previousStage = 'AWSPREVIOUS';
const batchLimit = 20;
const secretNotFound = "Secrets Manager can't find the specified secret.";
const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * ServiceError is a failure answered in the AWS JSON 1.1 error shape. The SDK names its exception
 * after `type`. Authentication failures use 400 too: Secrets Manager, like other JSON-protocol
 * services, answers UnrecognizedClientException and InvalidSignatureException with 400, not 403.
 */
class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startLocalSecretsManager(options: LocalSecretsManagerOptions = {}): Promise<LocalSecretsManager> {
  const region = options.region ?? 'eu-west-1';
  const credentials = options.credentials ?? randomCredentials();
  const store = new SecretStore(region);
  const verifier = new SignatureVerifier(region, credentials);
  let log: RecordedRequest[] = [];
  let throttledRemaining = 0;
  let closedForGood = false;

  async function answer(request: http.IncomingMessage, body: Buffer, operation: string, input: unknown): Promise<object> {
    await verifier.verify(request, body);
    if (throttledRemaining > 0) {
      throttledRemaining -= 1;
      throw new ServiceError('ThrottlingException', 'Rate exceeded');
    }
    const serve = operations.get(operation);
    if (serve === undefined) {
      throw new ServiceError('UnknownOperationException', `The operation ${operation || '(none)'} is not served by the local Secrets Manager.`);
    }
    if (!isRecord(input)) throw new ServiceError('SerializationException', 'The request body is not a JSON object.');
    return serve(store, input);
  }

  const server = http.createServer((request, response) => {
    // A client that hangs up mid-body leaves nothing to answer.
    respond(request, response).catch(() => response.destroy());
  });

  async function respond(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const operation = operationOf(request.headers['x-amz-target']);
    const input = parseJson(body);
    const secretIds = secretIdsOf(input);
    try {
      const output = await answer(request, body, operation, input);
      log.push({ operation, secretIds, signed: true });
      send(response, 200, output);
    } catch (error) {
      const failure = error instanceof ServiceError ? error : new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500);
      log.push({ operation, secretIds, signed: !isAuthenticationFailure(failure), errorType: failure.type });
      send(response, failure.status, { __type: failure.type, message: failure.message }, { 'x-amzn-ErrorType': failure.type });
    }
  }

  const port = await listen(server, 0);

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    credentials,
    get requests() {
      return [...log];
    },
    get rejectedRequestCount() {
      return log.filter((entry) => !entry.signed).length;
    },
    putSecret: (name, value) => store.put(name, value),
    deleteSecret: (name) => store.delete(name),
    arnOf: (name) => store.arnOf(name),
    throttleNext(count) {
      throttledRemaining = count;
    },
    resetRequests() {
      log = [];
    },
    stop: () => stopListening(server),
    async start() {
      if (closedForGood) throw new Error('the local Secrets Manager was closed and cannot start again');
      if (!server.listening) await listen(server, port);
    },
    async close() {
      closedForGood = true;
      await stopListening(server);
    },
  };
}

interface SecretVersion {
  readonly versionId: string;
  readonly value: string;
  readonly createdDate: Date;
  stages: readonly string[];
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly createdDate: Date;
  lastChangedDate: Date;
  readonly versions: SecretVersion[];
}

/** SecretStore holds the secrets by name; a secret id from a request may be its name or its full ARN. */
class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();

  constructor(private readonly region: string) {}

  put(name: string, value: string): string {
    const now = new Date();
    const version: SecretVersion = { versionId: randomUUID(), value, createdDate: now, stages: [currentStage] };
    const existing = this.secrets.get(name);
    if (existing === undefined) {
      this.secrets.set(name, { name, arn: this.newArn(name), createdDate: now, lastChangedDate: now, versions: [version] });
      return version.versionId;
    }
    for (const older of existing.versions) {
      older.stages = older.stages.filter((stage) => stage !== previousStage).map((stage) => (stage === currentStage ? previousStage : stage));
    }
    existing.versions.push(version);
    existing.lastChangedDate = now;
    return version.versionId;
  }

  delete(name: string): void {
    if (!this.secrets.delete(name)) throw new Error(`the local Secrets Manager has no secret named ${name}`);
  }

  arnOf(name: string): string {
    const secret = this.secrets.get(name);
    if (secret === undefined) throw new Error(`the local Secrets Manager has no secret named ${name}`);
    return secret.arn;
  }

  find(secretId: string): StoredSecret | undefined {
    return this.secrets.get(secretId) ?? [...this.secrets.values()].find((secret) => secret.arn === secretId);
  }

  get(secretId: string): StoredSecret {
    const secret = this.find(secretId);
    if (secret === undefined) throw new ServiceError('ResourceNotFoundException', secretNotFound);
    return secret;
  }

  private newArn(name: string): string {
    return `arn:aws:secretsmanager:${this.region}:${accountId}:secret:${name}-${randomAlphanumeric(6)}`;
  }
}

/** Operation answers one Secrets Manager operation from the request's JSON input. */
type Operation = (store: SecretStore, input: Record<string, unknown>) => object;

function getSecretValue(store: SecretStore, input: Record<string, unknown>): object {
  const secret = store.get(requiredString(input, 'SecretId'));
  return secretValueOf(secret, selectVersion(secret, optionalString(input, 'VersionId'), optionalString(input, 'VersionStage')));
}

function batchGetSecretValue(store: SecretStore, input: Record<string, unknown>): object {
  const secretIds = input['SecretIdList'];
  if (!Array.isArray(secretIds) || secretIds.length === 0 || !secretIds.every((id) => typeof id === 'string')) {
    throw new ServiceError('InvalidParameterException', 'The local Secrets Manager needs a non-empty SecretIdList (Filters are not supported).');
  }
  if (secretIds.length > batchLimit) {
    throw new ServiceError('InvalidParameterException', `SecretIdList can hold at most ${batchLimit} secret IDs.`);
  }
  const secretValues: object[] = [];
  const errors: object[] = [];
  for (const secretId of secretIds) {
    const secret = store.find(secretId);
    if (secret === undefined) errors.push({ SecretId: secretId, ErrorCode: 'ResourceNotFoundException', Message: secretNotFound });
    else secretValues.push(secretValueOf(secret, selectVersion(secret, undefined, undefined)));
  }
  return { SecretValues: secretValues, Errors: errors };
}

function describeSecret(store: SecretStore, input: Record<string, unknown>): object {
  const secret = store.get(requiredString(input, 'SecretId'));
  // Versions without a staging label are deprecated, and the service leaves them out of this map.
  const labelled = secret.versions.filter((version) => version.stages.length > 0);
  return {
    ARN: secret.arn,
    Name: secret.name,
    CreatedDate: epochSeconds(secret.createdDate),
    LastChangedDate: epochSeconds(secret.lastChangedDate),
    VersionIdsToStages: Object.fromEntries(labelled.map((version) => [version.versionId, [...version.stages]])),
  };
}

const operations = new Map<string, Operation>([
  ['GetSecretValue', getSecretValue],
  ['BatchGetSecretValue', batchGetSecretValue],
  ['DescribeSecret', describeSecret],
]);

function selectVersion(secret: StoredSecret, versionId: string | undefined, stage: string | undefined): SecretVersion {
  if (versionId !== undefined) {
    const version = secret.versions.find((candidate) => candidate.versionId === versionId);
    if (version === undefined) {
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
    }
    if (stage !== undefined && !version.stages.includes(stage)) {
      throw new ServiceError('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');
    }
    return version;
  }
  const label = stage ?? currentStage;
  const version = secret.versions.find((candidate) => candidate.stages.includes(label));
  if (version === undefined) {
    throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${label}`);
  }
  return version;
}

function secretValueOf(secret: StoredSecret, version: SecretVersion): object {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.value,
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdDate),
  };
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const authenticationFailures = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
]);

function isAuthenticationFailure(error: ServiceError): boolean {
  return authenticationFailures.has(error.type);
}

/**
 * SignatureVerifier recomputes the SigV4 signature of an incoming request with the endpoint's
 * credentials, over the headers the client says it signed, and refuses the request unless the
 * signatures match. It does not check the signature's age.
 */
class SignatureVerifier {
  private readonly signer: SignatureV4;

  constructor(
    private readonly region: string,
    private readonly credentials: LocalAwsCredentials,
  ) {
    // applyChecksum is off so the signer adds no x-amz-content-sha256 the client did not sign.
    this.signer = new SignatureV4({ service: signingService, region, credentials, sha256: Sha256, applyChecksum: false });
  }

  async verify(request: http.IncomingMessage, body: Buffer): Promise<void> {
    const authorization = request.headers.authorization;
    if (authorization === undefined) throw new ServiceError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
    const match = authorizationPattern.exec(authorization);
    if (match === null) throw new ServiceError('IncompleteSignatureException', 'The Authorization header is not a well-formed AWS4-HMAC-SHA256 signature.');
    const [, accessKeyId, , scopeRegion, scopeService, signedHeaderList = '', signature = ''] = match;
    if (accessKeyId !== this.credentials.accessKeyId) {
      throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    if (scopeService !== signingService) {
      throw new ServiceError('InvalidSignatureException', `Credential should be scoped to correct service: '${signingService}'.`);
    }
    if (scopeRegion !== this.region) throw new ServiceError('InvalidSignatureException', 'Credential should be scoped to a valid region.');
    const signingDate = parseAmzDate(request.headers['x-amz-date']);
    if (signingDate === undefined) {
      throw new ServiceError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    const signedHeaderNames = signedHeaderList.split(';');
    const signedHeaders: Record<string, string> = {};
    for (const name of signedHeaderNames) {
      const value = request.headers[name];
      if (value !== undefined) signedHeaders[name] = Array.isArray(value) ? value.join(',') : value;
    }
    // The signer trusts a payload hash header as given; replacing it with the body's real hash
    // makes a request whose body was altered after signing fail the comparison.
    if (signedHeaders['x-amz-content-sha256'] !== undefined) signedHeaders['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');

    const url = new URL(request.url ?? '/', 'http://localhost');
    const recomputed = await this.signer.sign(
      {
        method: request.method ?? 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: signedHeaders,
        body,
      },
      { signingDate, signingRegion: scopeRegion, signingService, signableHeaders: new Set(signedHeaderNames) },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(recomputed.headers['authorization'] ?? '')?.[1] ?? '';
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      throw new ServiceError('InvalidSignatureException', signatureMismatch);
    }
  }
}

/** parseAmzDate reads the ISO 8601 basic form SigV4 uses, e.g. 20240102T030405Z. */
function parseAmzDate(header: string | string[] | undefined): Date | undefined {
  const match = typeof header === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(header) : null;
  if (match === null) return undefined;
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

function operationOf(target: string | string[] | undefined): string {
  if (typeof target !== 'string') return '';
  return target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : target;
}

function secretIdsOf(input: unknown): readonly string[] {
  if (!isRecord(input)) return [];
  const list = input['SecretIdList'];
  if (Array.isArray(list)) return list.filter((id): id is string => typeof id === 'string');
  const single = input['SecretId'];
  return typeof single === 'string' ? [single] : [];
}

function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw new ServiceError('InvalidParameterException', `You must provide ${member}.`);
  return value;
}

function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ServiceError('InvalidParameterException', `${member} must be a string.`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** epochSeconds is the timestamp form of the AWS JSON protocols: seconds since the epoch, with a fraction. */
function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function send(response: http.ServerResponse, status: number, payload: object, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(body);
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function stopListening(server: http.Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // close() alone waits for keep-alive connections, which the SDK holds open; an outage must cut them.
  server.closeAllConnections();
  await closed;
}

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number, alphabet = alphanumerics): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** randomCredentials has the shape of real long-term keys: AKIA plus 16 characters, and a 40-character secret. */
function randomCredentials(): LocalAwsCredentials {
  return {
    accessKeyId: `AKIA${randomAlphanumeric(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}
