/**
 * Binding per-principal templates to one caller: `aws:mcp/users/{principal.id}/github#token`
 * becomes `aws:mcp/users/alice/github#token` for alice. Only verified identity fills a
 * placeholder, and only values that are safe as one secret-name segment: an id such as
 * `../../etc/passwd` could otherwise point a `file:` reference anywhere, and an id with `/`
 * could name another user's secret. Such a caller has no credential, as if none were provisioned.
 */
import type { Principal } from '../auth/principal.ts';
import type { SecretReference } from './reference.ts';
import { NotProvisionedError } from './resolve-template.ts';
import type { Template, TemplatePart } from './template.ts';

const safeSegment = /^[A-Za-z0-9_+=.@-]{1,256}$/;
const placeholderPattern = /\{([^{}]*)\}/g;

function placeholderValue(placeholder: string, principal: Principal): string | undefined {
  const value = placeholder === 'principal.id' ? principal.id : principal.attributes.get(placeholder.slice('principal.attributes.'.length));
  if (typeof value !== 'string' || !safeSegment.test(value) || value === '.' || value === '..') return undefined;
  return value;
}

/** bindReference fills the placeholders of one reference, or returns undefined when the principal cannot fill them. */
export function bindReference(reference: SecretReference, principal: Principal): SecretReference | undefined {
  if (reference.placeholders.length === 0) return reference;
  let unfilled = false;
  const fill = (text: string): string =>
    text.replace(placeholderPattern, (_match, placeholder: string) => {
      const value = placeholderValue(placeholder, principal);
      if (value === undefined) unfilled = true;
      return value ?? '';
    });
  const text = fill(reference.text);
  const common = { text, placeholders: [], boundFrom: reference.text };
  const jsonKey = reference.provider !== 'env' && reference.jsonKey !== undefined ? { jsonKey: fill(reference.jsonKey) } : {};
  const bound: SecretReference =
    reference.provider === 'aws' ? { ...reference, ...common, ...jsonKey, secretId: fill(reference.secretId) }
    : reference.provider === 'file' ? { ...reference, ...common, ...jsonKey, path: fill(reference.path) }
    : reference;
  return unfilled ? undefined : bound;
}

/**
 * bindTemplate binds every slot of a template to `principal`. A slot whose alternatives all
 * need something the principal lacks throws NotProvisionedError naming the first template.
 */
export function bindTemplate(template: Template, principal: Principal): Template {
  if (template.references.every((reference) => reference.placeholders.length === 0)) return template;
  const parts: TemplatePart[] = template.parts.map((part) => {
    if (typeof part === 'string') return part;
    const references = part.references.map((reference) => bindReference(reference, principal)).filter((bound): bound is SecretReference => bound !== undefined);
    if (references.length === 0) throw new NotProvisionedError(part.references[0]!.text, 'your identity has no usable value for its placeholders', true);
    return { references };
  });
  return { parts, literalText: template.literalText, references: parts.flatMap((part) => (typeof part === 'string' ? [] : part.references)) };
}
