/**
 * Matching a concrete resource URI against RFC 6570 templates such as `notes://note/{id}`, so a
 * resources/read for a templated resource reaches the server that published the template.
 * Simple expressions `{x}` match one path segment; reserved `{+x}` and fragment `{#x}` match
 * anything; query expressions `{?x,y}` match an optional query string.
 */

/** compileUriTemplate returns a matcher, or null for a template it cannot read. */
export function compileUriTemplate(template: string): RegExp | null {
  let source = '^';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{', index);
    if (open < 0) {
      source += escape(template.slice(index));
      break;
    }
    const close = template.indexOf('}', open);
    if (close < 0) return null;
    source += escape(template.slice(index, open));
    const operator = template[open + 1];
    if (operator === '+' || operator === '#') source += '.*';
    else if (operator === '?' || operator === '&') source += '(?:[?&][^#]*)?';
    else source += '[^/?#]+';
    index = close + 1;
  }
  try {
    return new RegExp(source + '$');
  } catch {
    return null;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
