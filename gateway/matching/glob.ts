/**
 * Globs in config (tool names, resource URIs, domains, paths) compile to RegExps once, at
 * config load; requests only run the compiled RegExp.
 */
import picomatch from 'picomatch';

/** GlobResult is a compiled glob or the reason it is malformed. */
export type GlobResult = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly error: string };

// Tool names and URIs are not file paths: '*' must cross '/' and '.', so the globs are matched
// with picomatch's basename-free, dot-matching options and a single '*' spanning any character.
const options: picomatch.PicomatchOptions = { dot: true, strictBrackets: true, nobrace: false, noextglob: true };

/** compileGlob compiles one glob; unbalanced brackets and braces are errors, not literals. */
export function compileGlob(glob: string): GlobResult {
  if (/[{}]/.test(glob) && !balanced(glob, '{', '}')) return { ok: false, error: `unbalanced braces in \`${glob}\`` };
  try {
    // '**' and '*' mean the same here; picomatch's '*' stops at '/', so widen it.
    const widened = glob.replace(/\*+/g, '**');
    return { ok: true, regex: picomatch.makeRe(widened, options) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** isLiteralGlob tells whether a glob matches exactly one string (no wildcard or set syntax). */
export function isLiteralGlob(glob: string): boolean {
  return !/[*?[\]{}!]/.test(glob);
}

function balanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === open) depth++;
    else if (char === close && --depth < 0) return false;
  }
  return depth === 0;
}
