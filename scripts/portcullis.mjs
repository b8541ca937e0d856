#!/usr/bin/env -S node --max-semi-space-size=64
// The flag: a gateway allocates fast and keeps each request's objects for a few milliseconds;
// with V8's default 16 MiB semi-space a scavenge runs every few hundred calls and copies the
// calls in flight each time. 64 MiB gave 11% more throughput and 15% less CPU per call
// (docs/performance.md) for about 90 MiB more RSS under load. It can only be set at start.
// The `portcullis` command. Portcullis runs its TypeScript through tsx, registered here so the
// command works from any folder (node --import would resolve tsx from the caller's folder).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
