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

  for (const [index, key] of (root.auth?.apiKeys ?? []).entries()) {
    reference(config.root.source, ['auth', 'apiKeys', index, 'hash'], key.hash, false);
  }
  templated(config.root.source, ['telemetry', 'otlp', 'headers'], root.telemetry?.otlp?.headers, false);
  if (root.telemetry?.otlp) url(config.root.source, ['telemetry', 'otlp', 'endpoint'], root.telemetry.otlp.endpoint);

  for (const { value: server, source } of config.servers) {
    const transport = server.transport;
    if (transport.type === 'stdio') {
      templated(source, ['transport', 'env'], transport.env, true);
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
      templated(source, ['transport', 'headers'], transport.headers, true);
      url(source, ['transport', 'url'], transport.url);
    }
  }
  return issues;
}
