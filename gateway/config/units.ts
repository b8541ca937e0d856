/**
 * Units written in config: durations (30s, 5m) and sizes (4MiB). The schema guarantees the
 * form, so these only convert.
 */

const durationUnits = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const sizeUnits = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 } as const;

/** parseDuration converts a schema-valid duration such as 30s into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^([0-9]+)(ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * durationUnits[match[2] as keyof typeof durationUnits];
}

/** parseSize converts a schema-valid size such as 4MiB into bytes. */
export function parseSize(text: string): number {
  const match = /^([0-9]+)(B|KiB|MiB|GiB)$/.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  return Number(match[1]) * sizeUnits[match[2] as keyof typeof sizeUnits];
}
