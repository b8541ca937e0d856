/**
 * deepFreeze freezes an object graph (plain objects and arrays; Maps and Sets are frozen as
 * objects but their contents are also frozen). Shared Runtimes must not change under a request.
 */
export function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value) || value instanceof RegExp) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      deepFreeze(key, seen);
      deepFreeze(item, seen);
    }
  } else if (value instanceof Set) {
    for (const item of value) deepFreeze(item, seen);
  } else {
    for (const item of Object.values(value)) deepFreeze(item, seen);
  }
  return Object.freeze(value);
}
