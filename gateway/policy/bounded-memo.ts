/**
 * BoundedMemo remembers computed values by key and forgets them all once it holds too many.
 * Keys such as resource URIs or tool names sent by clients are unbounded; clearing everything
 * is crude but keeps the hot path to one Map lookup and the memory bounded.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** get returns the remembered value for key, computing and remembering it first when needed. */
  get(key: string, compute: (key: string) => V): V {
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
