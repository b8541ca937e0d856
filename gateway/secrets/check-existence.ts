/**
 * checkSecretsExist is `validate --check-secrets`: for every shared `aws:` reference in the
 * config, DescribeSecret says whether the secret exists, without reading its value, so CI can
 * run it with a role that may describe but not read. Per-principal templates name one secret
 * per user and cannot be checked ahead of time; they are counted, not checked.
 */
import { credentialSites, type CredentialSite } from '../config/checks/credentials.ts';
import type { ConfigIssue } from '../config/issues.ts';
import type { PathSegment } from '../config/source-file.ts';
import type { ValidatedConfig } from '../config/validated-config.ts';
import type { SecretFault } from './provider.ts';
import { parseSecretReference, type AwsSecretReference, type SecretReference } from './reference.ts';
import { parseTemplate } from './template.ts';

export interface SecretExistenceReport {
  readonly issues: ConfigIssue[];
  readonly checked: number;
  /** perPrincipal counts templates left unchecked because they name a secret per user. */
  readonly perPrincipal: number;
}

/** describeSecret answers undefined when the secret exists, or why it could not be confirmed. */
export type DescribeSecret = (secretId: string) => Promise<SecretFault | undefined>;

interface Located {
  readonly site: CredentialSite;
  readonly path: readonly PathSegment[];
  readonly reference: AwsSecretReference;
}

/** awsReferencesAt lists the aws: references one credential site holds, with their paths. */
function awsReferencesAt(site: CredentialSite): Located[] {
  const found: { path: readonly PathSegment[]; reference: SecretReference }[] = [];
  if (site.kind === 'reference') {
    const parsed = parseSecretReference(site.text);
    if (parsed.ok) found.push({ path: site.path, reference: parsed.value });
  } else {
    for (const [name, text] of Object.entries(site.values ?? {})) {
      if (text !== undefined) for (const reference of templateReferences(text)) found.push({ path: [...site.path, name], reference });
    }
  }
  return found.flatMap(({ path, reference }) => (reference.provider === 'aws' ? [{ site, path, reference }] : []));
}

export async function checkSecretsExist(config: ValidatedConfig, describe: DescribeSecret): Promise<SecretExistenceReport> {
  const located = credentialSites(config).flatMap(awsReferencesAt);
  const shared = located.filter(({ reference }) => reference.placeholders.length === 0);
  const secretIds = [...new Set(shared.map(({ reference }) => reference.secretId))];
  const faults = new Map<string, SecretFault | undefined>();
  await Promise.all(secretIds.map(async (secretId) => faults.set(secretId, await describe(secretId))));

  const issues: ConfigIssue[] = [];
  for (const { site, path, reference } of shared) {
    const fault = faults.get(reference.secretId);
    if (!fault) continue;
    issues.push(
      fault.notFound
        ? site.source.issue('PCX_ERR_SECRET_NOT_FOUND', path, {
            message: `${reference.text}: ${fault.reason}`,
            suggestion: 'create the secret in the account and region the gateway uses, or fix the name',
          })
        : site.source.issue('PCX_ERR_SECRET_CHECK_FAILED', path, {
            message: `${reference.text}: ${fault.reason}`,
            suggestion: 'the checking role needs secretsmanager:DescribeSecret on this ARN, and AWS_REGION (or secrets.aws.region) must be set',
          }),
    );
  }
  return { issues, checked: secretIds.length, perPrincipal: located.length - shared.length };
}

function templateReferences(text: string): SecretReference[] {
  const parsed = parseTemplate(text);
  return parsed.ok ? [...parsed.value.references] : [];
}
