/**
 * npm run bench: every benchmark of the project, printed with the machine it ran on.
 * Benchmarks measure; they never fail a build. Record results in docs/performance.md.
 */
import os from 'node:os';
import { benchDataPlane } from './mcp/index.ts';
import { benchPaired } from './mcp/paired.ts';
import { benchAuthPath } from './auth-path.ts';
import { benchGuardrailThroughput } from './guardrail-throughput.ts';
import { benchPolicyDecision } from './policy-decision.ts';
import { benchSecretHeaders } from './secret-headers.ts';
import { benchValidateLargeConfig } from './validate-large-config.ts';

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
// BENCH_ONLY=mcp (or validate, policy, secrets, guardrails, paired) runs one benchmark.
const only = process.env['BENCH_ONLY'];
if (only === undefined || only === '' || only === 'validate') await benchValidateLargeConfig();
if (only === undefined || only === '' || only === 'policy') {
  await benchPolicyDecision();
  await benchAuthPath();
}
if (only === undefined || only === '' || only === 'secrets') await benchSecretHeaders();
if (only === undefined || only === '' || only === 'guardrails') await benchGuardrailThroughput();
if (only === undefined || only === '' || only === 'mcp') await benchDataPlane();
if (only === undefined || only === '' || only === 'paired') await benchPaired();
