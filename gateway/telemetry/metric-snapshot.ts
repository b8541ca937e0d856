/**
 * SnapshotReader reads the gateway's own metrics in process, on demand. It is what lets an
 * operator see, on /admin/telemetry, how much telemetry was dropped while the collector was
 * down: the same counters are also exported, but not while the collector cannot be reached.
 */
import { DataPointType, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

export class SnapshotReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {
    // Nothing is buffered: every reading is a fresh collection.
  }

  protected async onShutdown(): Promise<void> {
    // Nothing to release.
  }
}

/** MetricPoint is one series of a sum or gauge: its attributes and current value. */
export interface MetricPoint {
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly value: number;
}

/** sumsByName flattens a collection to the series of each sum and gauge metric (histograms give their count). */
export function sumsByName(collected: ResourceMetrics): Map<string, MetricPoint[]> {
  const byName = new Map<string, MetricPoint[]>();
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      const points = byName.get(metric.descriptor.name) ?? [];
      for (const point of metric.dataPoints) {
        const value = metric.dataPointType === DataPointType.HISTOGRAM ? (point.value as { count: number }).count : typeof point.value === 'number' ? point.value : undefined;
        if (value !== undefined) points.push({ attributes: point.attributes, value });
      }
      byName.set(metric.descriptor.name, points);
    }
  }
  return byName;
}

/** total adds the values of a metric's series that match `filter`. */
export function total(points: readonly MetricPoint[] | undefined, filter: (attributes: Readonly<Record<string, unknown>>) => boolean = () => true): number {
  let sum = 0;
  for (const point of points ?? []) if (filter(point.attributes)) sum += point.value;
  return sum;
}
