/**
 * npm run bench: every benchmark of the project, printed with the machine it ran on.
 * Benchmarks measure; they never fail a build. Record results in docs/performance.md.
 */
import os from 'node:os';
import { benchValidateLargeConfig } from './validate-large-config.ts';

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
await benchValidateLargeConfig();
