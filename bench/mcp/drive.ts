import { runLoad, type ClosedLoopOptions, type LoadResult } from './load.ts';
import { runSseLoad } from './sse-load.ts';
import { runStdioLoad } from './stdio-load.ts';
import type { RunningTarget } from './targets.ts';

/** drive runs one level's load on a target with the driver its transport needs. */
export function drive(target: RunningTarget, options: ClosedLoopOptions): Promise<LoadResult> {
  const { driver } = target;
  switch (driver.kind) {
    case 'stdio':
      return runStdioLoad(driver.connection, { ...options, toolName: target.toolName });
    case 'legacy-sse':
      return runSseLoad({ ...options, origin: target.origin, ssePath: target.path, toolName: target.toolName });
    case 'streamable-http':
      return runLoad({ ...options, origin: target.origin, path: target.path, toolName: target.toolName, headers: target.headers });
  }
}
