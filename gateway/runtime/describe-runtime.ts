/**
 * describeRuntime renders a Runtime as plain JSON: Maps become objects, Sets sorted lists,
 * matchers their globs, templates their text with references by name. It holds no secret
 * values because a Runtime holds none. Used for golden tests and config dumps.
 */
import type { Template } from '../secrets/template.ts';
import type { Runtime } from './runtime.ts';

/** describeRuntime returns a JSON-safe description; absolute paths under the config folder are shown relative to it. */
export function describeRuntime(runtime: Runtime): unknown {
  return toPlain(runtime, runtime.folder);
}

function isTemplate(value: object): value is Template {
  return 'parts' in value && 'literalText' in value && 'references' in value;
}

function toPlain(value: unknown, folder: string): unknown {
  if (typeof value === 'string') return value.startsWith(folder) ? `<config>${value.slice(folder.length)}` : value;
  if (typeof value === 'function') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), toPlain(item, folder)]));
  if (value instanceof Set) return [...value].map((item) => toPlain(item, folder)).sort();
  if (Array.isArray(value)) return value.map((item) => toPlain(item, folder));
  if (isTemplate(value)) {
    return value.parts.map((part) => (typeof part === 'string' ? part : `\${${part.references.map((r) => r.text).join(' || ')}}`)).join('');
  }
  if ('globs' in value && 'test' in value) return (value as { globs: unknown }).globs;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const plain = toPlain(item, folder);
    if (plain !== undefined) out[key] = plain;
  }
  return out;
}
