/**
 * Did-you-mean suggestions for misspelled keys, values and references.
 */
import { distance } from 'fastest-levenshtein';

/**
 * closestMatch returns the candidate nearest to input, or undefined when none is close enough to
 * be a plausible typo (2 edits, or a third of the longer word, and never more than 3; a swap of two letters counts 2).
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lowered = input.toLowerCase();
  for (const candidate of candidates) {
    const d = distance(lowered, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.min(3, Math.max(2, Math.floor(Math.max(input.length, best.length) / 3)));
  return bestDistance <= allowed && bestDistance < input.length ? best : undefined;
}

/** didYouMean phrases a suggestion for a misspelling, or returns undefined when there is none. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
