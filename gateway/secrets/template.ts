/**
 * Templated strings: header and environment values that embed secret references, such as
 * `Bearer ${aws:prod/mcp/github#token}`. `${a || b}` falls back to b when a per-principal
 * reference a is not provisioned for the caller; `$$` is a literal `$`.
 */
import { parseSecretReference, type ParseResult, type SecretReference } from './reference.ts';

/** SecretSlot is one `${…}` of a template: a reference and its fallbacks, tried in order. */
export interface SecretSlot {
  readonly references: readonly SecretReference[];
}

/** TemplatePart is literal text or a secret slot. */
export type TemplatePart = string | SecretSlot;

/** Template is a parsed templated string. */
export interface Template {
  readonly parts: readonly TemplatePart[];
  /** literalText is the template with every slot removed: what a reviewer sees as plain text. */
  readonly literalText: string;
  /** references lists every reference of every slot. */
  readonly references: readonly SecretReference[];
}

/** parseTemplate parses a templated string, or says what is wrong with it. */
export function parseTemplate(text: string): ParseResult<Template> {
  const parts: TemplatePart[] = [];
  const references: SecretReference[] = [];
  let literal = '';
  let literalText = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar < 0) {
      literal += text.slice(index);
      break;
    }
    literal += text.slice(index, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      literal += '$';
      index = dollar + 2;
      continue;
    }
    if (next !== '{') {
      literal += '$';
      index = dollar + 1;
      continue;
    }
    const close = findClosingBrace(text, dollar + 2);
    if (close < 0) return { ok: false, error: `\`\${\` without a closing \`}\` in ${JSON.stringify(text)}`, suggestion: 'close it, or write $$ for a literal $' };
    const slot: SecretReference[] = [];
    for (const alternative of text.slice(dollar + 2, close).split('||')) {
      const parsed = parseSecretReference(alternative.trim());
      if (!parsed.ok) return parsed;
      slot.push(parsed.value);
    }
    if (slot.slice(0, -1).some((reference) => reference.placeholders.length === 0)) {
      return {
        ok: false,
        error: `only a per-principal reference can have a fallback, in ${JSON.stringify(text)}`,
        suggestion: 'a shared reference is always provisioned; remove the || part',
      };
    }
    if (literal) parts.push(literal);
    literalText += literal;
    literal = '';
    parts.push({ references: slot });
    references.push(...slot);
    index = close + 1;
  }
  if (literal) parts.push(literal);
  literalText += literal;
  return { ok: true, value: { parts, literalText, references } };
}

// Placeholders such as {principal.id} nest one level of braces inside ${…}.
function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
