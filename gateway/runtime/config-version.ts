/**
 * The config version: a hash of what the config means, not of its bytes, so a comment or
 * re-indentation is not a change (and a reload of it is a no-op).
 */
import { createHash } from 'node:crypto';
import type { ValidatedConfig } from '../config/validated-config.ts';

/** configVersion returns the SHA-256 hex digest of the canonical JSON of every file's value. */
export function configVersion(config: ValidatedConfig): string {
  const files: Record<string, unknown> = { [config.root.source.relativePath]: config.root.value };
  for (const located of [...config.servers, ...config.policyFiles, ...config.guardrailFiles, ...(config.lock ? [config.lock] : [])]) {
    files[located.source.relativePath] = located.value;
  }
  return createHash('sha256').update(canonicalJson(files)).digest('hex');
}

// Upstream tool definitions are hashed too, and a hostile one can nest without end.
const maxCanonicalDepth = 256;

/** canonicalJson serialises with object keys sorted, so equal values give equal text; it throws past 256 levels of nesting. */
export function canonicalJson(value: unknown): string {
  // Most values (a tool call's arguments) are plain JSON whose keys already come in order: then
  // the engine's own serialiser gives the same text at a fraction of the cost.
  return isCanonicalJson(value, 0) ? JSON.stringify(value) : sortedJson(value, 0);
}

function sortedJson(value: unknown, depth: number): string {
  if (depth > maxCanonicalDepth) throw new RangeError(`value nested deeper than ${maxCanonicalDepth} levels`);
  if (Array.isArray(value)) return `[${value.map((item) => sortedJson(item, depth + 1)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key], depth + 1)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * isCanonicalJson says whether JSON.stringify would give `value` exactly as sortedJson does: only
 * strings, finite numbers, booleans, null, arrays of those, and plain objects whose keys are in
 * sorted order with no undefined values, within the depth limit.
 */
function isCanonicalJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= maxCanonicalDepth) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isCanonicalJson(item, depth + 1)) return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || !isCanonicalJson(item, depth + 1)) return false;
  }
  return true;
}
