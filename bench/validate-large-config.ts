/**
 * Benchmark: `portcullis validate` on a 200-server, 2,000-rule repository, timed as a user
 * runs it (a fresh process, wall clock, including Node and tsx start-up), plus the in-process
 * cost of each stage. Target from the foundation issue: under 2 s on the 2-core machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../gateway/config/load-config.ts';
import { compile } from '../gateway/runtime/compile.ts';
import { generateLargeConfig } from './generate-large-config.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** benchValidateLargeConfig runs the benchmark and prints its figures. */
export async function benchValidateLargeConfig(runs = 5): Promise<void> {
  const size = { servers: 200, groups: 200, rules: 2000 };
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-bench-'));
  try {
    await generateLargeConfig(folder, size);
    const cli = path.join(repoRoot, 'scripts', 'portcullis.mjs');
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      execFileSync(process.execPath, [cli, 'validate', folder, '--format', 'json'], { stdio: 'pipe', env: { ...process.env, GITHUB_ACTIONS: '' } });
      wall.push(performance.now() - start);
    }
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      execFileSync(process.execPath, [cli, '--help'], { stdio: 'pipe' });
      floor.push(performance.now() - start);
    }

    // In-process, warm: what a hot reload of the same repository costs.
    await loadConfig({ explicitPath: folder });
    const load: number[] = [];
    const compileTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      const result = await loadConfig({ explicitPath: folder });
      load.push(performance.now() - start);
      if (!result.config) throw new Error(`generated config is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`);
      start = performance.now();
      compile(result.config);
      compileTimes.push(performance.now() - start);
    }

    const verdict = median(wall) < 2000 ? 'meets' : 'MISSES';
    console.log(`validate: ${size.servers} servers, ${size.groups} groups, ${size.rules} rules (${runs} runs, medians)`);
    console.log(`  portcullis validate, fresh process, wall: ${median(wall).toFixed(0)} ms (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}) — ${verdict} the 2 s target`);
    console.log(`  of which process + tsx start-up (portcullis --help): ${median(floor).toFixed(0)} ms`);
    console.log(`  in-process warm load+validate: ${median(load).toFixed(0)} ms; compile: ${median(compileTimes).toFixed(1)} ms`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
