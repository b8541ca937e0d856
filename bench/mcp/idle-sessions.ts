/**
 * idle-sessions measures what an open, unused MCP session costs a target: it opens many sessions
 * (initialize + notifications/initialized, nothing after) over a small keep-alive pool and reads
 * the target's resident memory before and after. RSS includes heap the garbage collector has not
 * returned yet, so the per-session figure is an upper bound, good for comparing targets.
 */
import { Pool } from 'undici';
import { openSession, type RequestHeaders } from './mcp-client.ts';
import { memory } from './proc-stats.ts';
import type { RunningTarget } from './targets.ts';

/** IdleSessionsResult holds the memory a target gained by holding `opened` sessions. */
export interface IdleSessionsResult {
  readonly opened: number;
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly seconds: number;
  readonly rssBefore: number | undefined;
  readonly rssAfter: number | undefined;
  readonly upstreamRssBefore: number | undefined;
  readonly upstreamRssAfter: number | undefined;
}

/** warmupSessions are opened and left open before the baseline, so lazy start-up costs are not charged per session. */
export const warmupSessions = 200;

const settleMs = 1000;

async function openMany(pool: Pool, path: string, headers: RequestHeaders | undefined, count: number, concurrency: number): Promise<{ opened: number; errors: number; firstError: string | undefined }> {
  let remaining = count;
  let opened = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (remaining > 0) {
      remaining--;
      try {
        await openSession(pool, path, headers);
        opened++;
      } catch (caught) {
        errors++;
        firstError ??= caught instanceof Error ? caught.message : String(caught);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { opened, errors, firstError };
}

/** measureIdleSessions opens `count` sessions on a freshly started target and reports its memory growth. */
export async function measureIdleSessions(target: RunningTarget, count: number, concurrency = 16): Promise<IdleSessionsResult> {
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    await openMany(pool, target.path, target.headers, warmupSessions, concurrency);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const before = memory(target.frontPid)?.rss;
    const upstreamBefore = target.upstreamPid === undefined ? undefined : memory(target.upstreamPid)?.rss;
    const started = performance.now();
    const { opened, errors, firstError } = await openMany(pool, target.path, target.headers, count, concurrency);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return {
      opened,
      errors,
      firstError,
      seconds,
      rssBefore: before,
      rssAfter: memory(target.frontPid)?.rss,
      upstreamRssBefore: upstreamBefore,
      upstreamRssAfter: target.upstreamPid === undefined ? undefined : memory(target.upstreamPid)?.rss,
    };
  } finally {
    await pool.close();
  }
}
