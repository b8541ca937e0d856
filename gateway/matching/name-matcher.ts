/**
 * NameMatcher answers "does this name match any of these globs" with one RegExp test, so a
 * request never loops over a rule's globs.
 */
import { compileGlob } from './glob.ts';

/** NameMatcher is a compiled set of globs. */
export interface NameMatcher {
  /** globs are the patterns as written, kept for explanations and dumps. */
  readonly globs: readonly string[];
  readonly test: (name: string) => boolean;
}

const matchNothing: NameMatcher = Object.freeze({ globs: [], test: () => false });

/** compileNameMatcher joins globs into one matcher; globs must already be validated. */
export function compileNameMatcher(globs: readonly string[] | undefined): NameMatcher {
  if (!globs || globs.length === 0) return matchNothing;
  if (globs.some((glob) => /^\*+$/.test(glob))) return Object.freeze({ globs: [...globs], test: () => true });
  const sources = globs.map((glob) => {
    const compiled = compileGlob(glob);
    if (!compiled.ok) throw new Error(`glob should have been validated: ${glob}`);
    return `(?:${compiled.regex.source})`;
  });
  const regex = new RegExp(sources.join('|'));
  return Object.freeze({ globs: [...globs], test: (name: string) => regex.test(name) });
}

/** NameFilter is an allow list and a deny list; deny wins. */
export interface NameFilter {
  readonly allow: NameMatcher;
  readonly deny: NameMatcher;
  readonly test: (name: string) => boolean;
}

/** compileNameFilter compiles allow and deny globs; an absent allow list allows everything. */
export function compileNameFilter(allowGlobs: readonly string[] | undefined, denyGlobs: readonly string[] | undefined): NameFilter {
  const allow = compileNameMatcher(allowGlobs ?? ['*']);
  const deny = compileNameMatcher(denyGlobs);
  return Object.freeze({ allow, deny, test: (name: string) => allow.test(name) && !deny.test(name) });
}
