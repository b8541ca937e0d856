/**
 * benchPaired answers "what does feature X cost?" on a machine whose speed drifts. Running the
 * targets one after another (as the data-plane table does) compares minutes apart, and on this
 * shared 2-core machine the same target moves by up to 2× in that time, more than any budget
 * being checked. Here both targets of a pair run side by side, idle except when loaded, and are
 * loaded in short alternating windows (A B B A A B …), so each ratio compares two windows
 * seconds apart. Short windows and many rounds track the drift better than long windows and few.
 * The median of the per-round ratios is the verdict, with an interval that says how far to
 * trust it.
 *
 * At concurrency 16 the gateway's one event-loop thread is saturated, so throughput is the
 * inverse of its CPU per call and the throughput cost is the feature's CPU cost.
 *
 * Environment knobs:
 *   BENCH_PAIRS          comma list of subject:baseline (default: the pairs of `pairBudgets`)
 *   BENCH_PAIR_ROUNDS    rounds per pair, each one window of each target (default 30)
 *   BENCH_PAIR_WINDOW_MS measured window (default 1000), after BENCH_PAIR_WARMUP_MS (default 250)
 *   BENCH_PAIR_CONCURRENCY in-flight calls (default 16)
 *   BENCH_PAIR_PREWARM_MS  load on each target before the first round (default 4000)
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drive } from './drive.ts';
import { cpuMicros } from './proc-stats.ts';
import { targetDefinitions, type RunningTarget, type TargetDefinition } from './targets.ts';

/**
 * pairBudgets are the issues' budgets for what a feature may cost in throughput, subject against
 * baseline. The identity issue allows auth + RBAC under 5%; the audit issue allows full audit
 * under 10%.
 */
const pairBudgets: ReadonlyArray<{ readonly subject: string; readonly baseline: string; readonly budget: number | undefined; readonly meaning: string }> = [
  { subject: 'gateway-auth', baseline: 'gateway', budget: 0.05, meaning: 'auth + RBAC (JWT, 2,000 rules) against anonymous, one rule' },
  { subject: 'gateway-audit-file', baseline: 'gateway', budget: 0.1, meaning: 'every decision audited to a JSON-lines file' },
  { subject: 'gateway-audit-otlp', baseline: 'gateway', budget: 0.1, meaning: 'every decision audited over OTLP and to a file, 10% of traces' },
  { subject: 'gateway-audited', baseline: 'gateway', budget: 0.1, meaning: 'every trace and record over OTLP, full capture' },
];

interface PairSettings {
  readonly pairs: ReadonlyArray<{ readonly subject: TargetDefinition; readonly baseline: TargetDefinition; readonly budget: number | undefined; readonly meaning: string }>;
  readonly rounds: number;
  readonly windowMs: number;
  readonly warmupMs: number;
  readonly concurrency: number;
  readonly prewarmMs: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

function readPairSettings(): PairSettings {
  const known = new Map(targetDefinitions.map((target) => [target.name, target]));
  const find = (name: string): TargetDefinition => {
    const target = known.get(name);
    if (!target) throw new Error(`BENCH_PAIRS: unknown target ${name} (known: ${[...known.keys()].join(', ')})`);
    return target;
  };
  const raw = process.env['BENCH_PAIRS'];
  const names = raw === undefined || raw === '' ? pairBudgets.map((pair) => `${pair.subject}:${pair.baseline}`) : raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const pairs = names.map((item) => {
    const [subject, baseline, extra] = item.split(':');
    if (!subject || !baseline || extra !== undefined) throw new Error(`BENCH_PAIRS: ${item} is not subject:baseline`);
    const known = pairBudgets.find((pair) => pair.subject === subject && pair.baseline === baseline);
    return { subject: find(subject), baseline: find(baseline), budget: known?.budget, meaning: known?.meaning ?? '' };
  });
  return {
    pairs,
    rounds: Math.floor(positive('BENCH_PAIR_ROUNDS', 30)),
    windowMs: positive('BENCH_PAIR_WINDOW_MS', 1000),
    warmupMs: positive('BENCH_PAIR_WARMUP_MS', 250),
    concurrency: Math.floor(positive('BENCH_PAIR_CONCURRENCY', 16)),
    prewarmMs: positive('BENCH_PAIR_PREWARM_MS', 4000),
  };
}

/** Window is one measured window of one target. */
interface Window {
  readonly callsPerSecond: number;
  readonly cpuPerCall: number | undefined;
}

async function measureWindow(target: RunningTarget, settings: PairSettings): Promise<Window> {
  let cpuStart: number | undefined;
  let cpu: number | undefined;
  const load = await drive(target, {
    concurrency: settings.concurrency,
    warmupMs: settings.warmupMs,
    durationMs: settings.windowMs,
    onWindowStart: () => {
      cpuStart = cpuMicros(target.frontPid);
    },
    onWindowEnd: () => {
      const end = cpuMicros(target.frontPid);
      cpu = cpuStart === undefined || end === undefined ? undefined : end - cpuStart;
    },
  });
  if (load.errors > 0 || load.calls === 0) throw new Error(`${load.errors} invalid answers, ${load.calls} valid calls (first: ${load.firstError})`);
  return { callsPerSecond: load.callsPerSecond, cpuPerCall: cpu === undefined ? undefined : cpu / load.calls };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const percent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/** PairResult holds one pair's rounds: the subject's throughput cost and CPU growth per round. */
interface PairResult {
  readonly costs: number[];
  readonly cpuGrowth: number[];
  readonly subjectRates: number[];
  readonly baselineRates: number[];
}

async function measurePair(subject: RunningTarget, baseline: RunningTarget, settings: PairSettings): Promise<PairResult> {
  const result: PairResult = { costs: [], cpuGrowth: [], subjectRates: [], baselineRates: [] };
  // A gateway fresh from start runs its first calls unoptimised, and the one with the bigger
  // config (2,000 rules) longer so: without this the first rounds charge JIT warm-up to it.
  for (const target of [subject, baseline]) await drive(target, { concurrency: settings.concurrency, warmupMs: 0, durationMs: settings.prewarmMs });
  for (let round = 0; round < settings.rounds; round++) {
    // A B, B A, A B…: each target goes first in half the rounds, so a drift within a round
    // favours neither.
    const subjectFirst = round % 2 === 0;
    const first = await measureWindow(subjectFirst ? subject : baseline, settings);
    const second = await measureWindow(subjectFirst ? baseline : subject, settings);
    const [on, off] = subjectFirst ? [first, second] : [second, first];
    result.subjectRates.push(on.callsPerSecond);
    result.baselineRates.push(off.callsPerSecond);
    result.costs.push(1 - on.callsPerSecond / off.callsPerSecond);
    if (on.cpuPerCall !== undefined && off.cpuPerCall !== undefined) result.cpuGrowth.push(on.cpuPerCall / off.cpuPerCall - 1);
  }
  return result;
}

/**
 * medianInterval is a distribution-free 95% confidence interval for the median: the order
 * statistics a sign test puts about 1.96·√n/2 ranks either side of the middle. Rounds are
 * not independent on a drifting machine, so read it as a lower bound on the uncertainty.
 */
function medianInterval(values: readonly number[]): readonly [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const below = Math.max(0, Math.floor((n - 1.96 * Math.sqrt(n)) / 2));
  return [sorted[below]!, sorted[n - 1 - below]!];
}

function verdict(cost: number, interval: readonly [number, number], budget: number): string {
  const limit = `under ${(budget * 100).toFixed(0)}%`;
  if (interval[1] < budget) return `${limit}: met (the whole interval is under it)`;
  if (interval[0] >= budget) return `${limit}: MISSED (the whole interval is over it)`;
  return `${limit}: ${cost < budget ? 'met by the median' : 'MISSED by the median'}, but the interval spans the budget: not settled by this run`;
}

function describe(pair: PairSettings['pairs'][number], result: PairResult): string[] {
  const cost = median(result.costs);
  const interval = medianInterval(result.costs);
  const lines = [
    `  ${pair.subject.name} vs ${pair.baseline.name}${pair.meaning ? ` (${pair.meaning})` : ''}:`,
    `    calls/s median ${Math.round(median(result.subjectRates))} vs ${Math.round(median(result.baselineRates))}; throughput cost per round: ${result.costs.map(percent).join(', ')}`,
    `    median throughput cost ${percent(cost)}, 95% interval ${percent(interval[0])} to ${percent(interval[1])} (range ${percent(Math.min(...result.costs))} to ${percent(Math.max(...result.costs))})` +
      (result.cpuGrowth.length > 0 ? `; median gateway CPU per call ${percent(median(result.cpuGrowth))}` : ''),
  ];
  if (pair.budget !== undefined) lines.push(`    budget ${verdict(cost, interval, pair.budget)}`);
  return lines;
}

/** benchPaired measures each pair in alternating windows and prints the cost of the subject over the baseline. */
export async function benchPaired(): Promise<void> {
  const settings = readPairSettings();
  const workFolder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-bench-paired-'));
  console.log(
    `paired costs: ${settings.rounds} rounds of alternating ${settings.warmupMs} ms warm-up + ${settings.windowMs} ms windows per pair, ` +
      `tools/call echo at concurrency ${settings.concurrency}; verdict is the median of the per-round ratios`,
  );
  try {
    for (const pair of settings.pairs) {
      const started: RunningTarget[] = [];
      const subjectFolder = path.join(workFolder, pair.subject.name);
      const baselineFolder = path.join(workFolder, `${pair.baseline.name}-for-${pair.subject.name}`);
      try {
        await mkdir(subjectFolder, { recursive: true });
        await mkdir(baselineFolder, { recursive: true });
        const subject = await pair.subject.start(subjectFolder, { maxConcurrency: settings.concurrency, maxSessions: 1000 });
        started.push(subject);
        const baseline = await pair.baseline.start(baselineFolder, { maxConcurrency: settings.concurrency, maxSessions: 1000 });
        started.push(baseline);
        for (const line of describe(pair, await measurePair(subject, baseline, settings))) console.log(line);
      } catch (caught) {
        const tails = started.map((target) => target.logTail()).join(' | ');
        console.log(`  ${pair.subject.name} vs ${pair.baseline.name}: FAILED (${caught instanceof Error ? caught.message : String(caught)})${tails ? ` — ${tails.slice(0, 600)}` : ''}`);
      } finally {
        await Promise.all(started.map((target) => target.stop()));
      }
    }
  } finally {
    await rm(workFolder, { recursive: true, force: true });
  }
}
