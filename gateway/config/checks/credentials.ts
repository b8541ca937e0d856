/**
 * Credentials must be secret references: syntactically valid, per-principal only where a caller
 * exists to pick the secret, and never literal values.
 */
import { parseSecretReference, type SecretReference } from '../../secrets/reference.ts';
import { parseTemplate } from '../../secrets/template.ts';
import type { ConfigIssue } from '../issues.ts';
import type { PathSegment, IssueLocator } from '../source-file.ts';
import { didYouMean } from '../suggest.ts';
import type { CheckContext, ValidatedConfig } from '../validated-config.ts';
import { literalCredentialReason, urlCredentialReason } from './literal-credential.ts';

const useReference = 'use a secret reference, for example "Bearer ${aws:prod/mcp/<server>#token}" or "${env:MY_TOKEN}"';

/** checkCredentials reports malformed references, misplaced per-principal templates and literal credentials. */
export function checkCredentials(config: ValidatedConfig, context: CheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const root = config.root.value;
  const attributes = new Set((root.auth?.oidc ?? []).flatMap((issuer) => Object.keys(issuer.attributeClaims ?? {})));

  const checkAttributes = (source: IssueLocator, path: readonly PathSegment[], references: readonly SecretReference[]): void => {
    // Attributes are declared by the root's issuers; with a broken root they are unknown, not wrong.
    if (!context.rootIntact) return;
    for (const reference of references) {
      for (const placeholder of reference.placeholders) {
        const attribute = placeholder.startsWith('principal.attributes.') ? placeholder.slice('principal.attributes.'.length) : undefined;
        if (attribute !== undefined && !attributes.has(attribute)) {
          issues.push(source.issue('PCX_ERR_UNKNOWN_ATTRIBUTE', path, {
            message: `placeholder {${placeholder}} names an attribute no issuer defines`,
            suggestion: didYouMean(attribute, attributes) ?? 'map it under auth.oidc[].attributeClaims',
          }));
        }
      }
    }
  };

  const reference = (source: IssueLocator, path: readonly PathSegment[], text: string, perPrincipalAllowed: boolean): void => {
    const parsed = parseSecretReference(text);
    if (!parsed.ok) {
      issues.push(source.issue('PCX_ERR_SECRET_REF_INVALID', path, { message: parsed.error, suggestion: parsed.suggestion }));
    } else if (!perPrincipalAllowed && parsed.value.placeholders.length > 0) {
      issues.push(source.issue('PCX_ERR_SECRET_TEMPLATE_NOT_ALLOWED', path, {
        message: `\`${text}\` depends on the caller, but this value is needed before any caller is known`,
        suggestion: 'use a fixed reference without {principal.…}',
      }));
    }
  };

  const templated = (
    source: IssueLocator,
    path: readonly PathSegment[],
    values: Record<string, string | undefined> | undefined,
    perPrincipalAllowed: boolean,
  ): void => {
    for (const [name, text] of Object.entries(values ?? {})) {
      if (text === undefined) continue;
      const at = [...path, name];
      const parsed = parseTemplate(text);
      if (!parsed.ok) {
        issues.push(source.issue('PCX_ERR_SECRET_REF_INVALID', at, { message: parsed.error, suggestion: parsed.suggestion }));
        continue;
      }
      const reason = literalCredentialReason(parsed.value.literalText, name);
      if (reason) issues.push(source.issue('PCX_ERR_LITERAL_SECRET', at, { message: `literal credential: ${reason}`, suggestion: useReference }));
      if (!perPrincipalAllowed && parsed.value.references.some((ref) => ref.placeholders.length > 0)) {
        issues.push(source.issue('PCX_ERR_SECRET_TEMPLATE_NOT_ALLOWED', at, {
          message: 'a per-principal reference cannot be used here: this value is needed before any caller is known',
          suggestion: 'use a fixed reference without {principal.…}',
        }));
      }
      checkAttributes(source, at, parsed.value.references);
    }
  };

  const url = (source: IssueLocator, path: readonly PathSegment[], text: string): void => {
    const reason = urlCredentialReason(text);
    if (reason) issues.push(source.issue('PCX_ERR_LITERAL_SECRET', path, { message: `literal credential: ${reason}`, suggestion: `move it into a header and ${useReference}` }));
  };

  for (const site of credentialSites(config)) {
    if (site.kind === 'reference') reference(site.source, site.path, site.text, site.perPrincipalAllowed);
    else templated(site.source, site.path, site.values, site.perPrincipalAllowed);
  }
  if (root.telemetry?.otlp) url(config.root.source, ['telemetry', 'otlp', 'endpoint'], root.telemetry.otlp.endpoint);
  for (const { value: server, source } of config.servers) {
    const transport = server.transport;
    if (transport.type === 'stdio') {
      for (const [index, arg] of (transport.args ?? []).entries()) {
        const reason = literalCredentialReason(arg);
        if (reason) {
          issues.push(source.issue('PCX_ERR_LITERAL_SECRET', ['transport', 'args', index], {
            message: `literal credential in a command-line argument: ${reason}`,
            suggestion: 'pass it in transport.env with a secret reference; arguments are visible to every local user',
          }));
        }
      }
    } else {
      url(source, ['transport', 'url'], transport.url);
    }
  }
  return issues;
}

/** CredentialSite is one place in the config that holds a secret reference or templated values. */
export type CredentialSite =
  | { readonly kind: 'reference'; readonly source: IssueLocator; readonly path: readonly PathSegment[]; readonly text: string; readonly perPrincipalAllowed: boolean }
  | {
      readonly kind: 'templates';
      readonly source: IssueLocator;
      readonly path: readonly PathSegment[];
      readonly values: Record<string, string | undefined> | undefined;
      readonly perPrincipalAllowed: boolean;
    };

/** credentialSites lists every credential field of the config: API key digests, collector headers, server env and headers. */
export function credentialSites(config: ValidatedConfig): CredentialSite[] {
  const root = config.root.value;
  const sites: CredentialSite[] = [];
  for (const [index, key] of (root.auth?.apiKeys ?? []).entries()) {
    sites.push({ kind: 'reference', source: config.root.source, path: ['auth', 'apiKeys', index, 'hash'], text: key.hash, perPrincipalAllowed: false });
  }
  sites.push({ kind: 'templates', source: config.root.source, path: ['telemetry', 'otlp', 'headers'], values: root.telemetry?.otlp?.headers, perPrincipalAllowed: false });
  for (const { value: server, source } of config.servers) {
    const transport = server.transport;
    const [field, values] = transport.type === 'stdio' ? ['env', transport.env] : ['headers', transport.headers];
    sites.push({ kind: 'templates', source, path: ['transport', field], values, perPrincipalAllowed: true });
  }
  return sites;
}
