/**
 * Secret references: the names of secrets, never their values. This module parses the syntax the
 * schema documents; resolving a reference to a value is the providers' job (a later stage).
 *
 *   aws:<secret id or ARN>[?stage=<version stage>|?version=<version id>][#<json key>]
 *   env:<VARIABLE>
 *   file:<path>[#<json key>]
 *
 * aws: and file: references may contain {principal.id} or {principal.attributes.<name>}, which
 * makes them per-principal: each caller gets its own secret.
 */

/** SecretReference is a parsed reference. */
export type SecretReference = AwsSecretReference | EnvSecretReference | FileSecretReference;

interface ReferenceBase {
  /** text is the reference exactly as written; it is a name, safe to log. */
  readonly text: string;
  /** placeholders lists the {principal.…} placeholders used; empty for a shared secret. */
  readonly placeholders: readonly string[];
  /** boundFrom is, on a reference bound to one principal, the text of the template it came from. */
  readonly boundFrom?: string;
}

export interface AwsSecretReference extends ReferenceBase {
  readonly provider: 'aws';
  readonly secretId: string;
  readonly versionStage?: string;
  readonly versionId?: string;
  readonly jsonKey?: string;
}

export interface EnvSecretReference extends ReferenceBase {
  readonly provider: 'env';
  readonly variable: string;
}

export interface FileSecretReference extends ReferenceBase {
  readonly provider: 'file';
  readonly path: string;
  readonly jsonKey?: string;
}

/** ParseResult is a parsed value or the reason it could not be parsed, phrased for a person. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly suggestion?: string };

const placeholderPattern = /\{([^{}]*)\}/g;
const validPlaceholder = /^principal\.(id|attributes\.[a-z][a-z0-9_-]{0,63})$/;
// AWS secret names allow letters, digits and /_+=.@-; ARNs add ':'.
const awsSecretId = /^[A-Za-z0-9/_+=.@:-]{1,2048}$/;
const envVariable = /^[A-Za-z_][A-Za-z0-9_]*$/;
const versionStage = /^[A-Za-z0-9_-]{1,256}$/;
const versionId = /^[A-Za-z0-9-]{32,64}$/;

function failure(error: string, suggestion?: string): ParseResult<never> {
  return { ok: false, error, suggestion };
}

/** parseSecretReference parses one reference such as `aws:prod/github#token`. */
export function parseSecretReference(text: string): ParseResult<SecretReference> {
  const colon = text.indexOf(':');
  const provider = colon > 0 ? text.slice(0, colon) : '';
  const body = text.slice(colon + 1);
  if (provider !== 'aws' && provider !== 'env' && provider !== 'file') {
    return failure(
      `\`${text}\` does not start with a known provider`,
      'start it with aws:, env: or file: (for example aws:prod/mcp/github#token)',
    );
  }
  if (body.trim() === '') return failure(`\`${text}\` names no secret`, `write ${provider}:<name>`);
  if (/\s/.test(body)) return failure(`\`${text}\` contains white space`, 'secret names have no spaces');

  const placeholders = [...body.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
  for (const placeholder of placeholders) {
    if (!validPlaceholder.test(placeholder)) {
      return failure(
        `unknown placeholder {${placeholder}} in \`${text}\``,
        'use {principal.id} or {principal.attributes.<name>}',
      );
    }
  }
  // Placeholders are checked above; replace them so the rest of the syntax can be checked as usual.
  const withoutPlaceholders = body.replace(placeholderPattern, 'x');
  if (/[{}]/.test(withoutPlaceholders)) return failure(`unbalanced braces in \`${text}\``);

  if (provider === 'env') {
    if (placeholders.length > 0) return failure(`env: references cannot be per-principal: \`${text}\``);
    if (!envVariable.test(body)) {
      return failure(`\`${body}\` is not an environment variable name`, 'use letters, digits and _, not starting with a digit');
    }
    return { ok: true, value: { provider, text, placeholders, variable: body } };
  }

  const hash = body.indexOf('#');
  const beforeKey = hash >= 0 ? body.slice(0, hash) : body;
  const jsonKey = hash >= 0 ? body.slice(hash + 1) : undefined;
  if (jsonKey !== undefined && jsonKey === '') return failure(`empty JSON key after # in \`${text}\``, 'remove the # or name the key');

  if (provider === 'file') {
    if (beforeKey.includes('?')) return failure(`file: references take no ?options: \`${text}\``);
    return { ok: true, value: { provider, text, placeholders, path: beforeKey, ...(jsonKey ? { jsonKey } : {}) } };
  }

  const question = beforeKey.indexOf('?');
  const secretId = question >= 0 ? beforeKey.slice(0, question) : beforeKey;
  const query = question >= 0 ? beforeKey.slice(question + 1) : undefined;
  if (!awsSecretId.test(secretId.replace(placeholderPattern, 'x'))) {
    return failure(
      `\`${secretId}\` is not a valid AWS secret name or ARN`,
      'secret names use letters, digits and /_+=.@- (for example prod/mcp/github)',
    );
  }
  if (secretId.startsWith('arn:') && !/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$/.test(secretId)) {
    return failure(`\`${secretId}\` is not a Secrets Manager ARN`, 'ARNs look like arn:aws:secretsmanager:<region>:<account>:secret:<name>');
  }
  let stage: string | undefined;
  let version: string | undefined;
  if (query !== undefined) {
    const [name, value = ''] = query.split('=', 2);
    if (name === 'stage' && versionStage.test(value)) stage = value;
    else if (name === 'version' && versionId.test(value)) version = value;
    else return failure(`unknown or malformed option \`?${query}\` in \`${text}\``, 'use ?stage=<version stage> or ?version=<version id>');
  }
  return {
    ok: true,
    value: {
      provider,
      text,
      placeholders,
      secretId,
      ...(stage ? { versionStage: stage } : {}),
      ...(version ? { versionId: version } : {}),
      ...(jsonKey ? { jsonKey } : {}),
    },
  };
}
