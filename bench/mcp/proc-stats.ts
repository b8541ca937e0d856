/**
 * proc-stats reads a process's CPU time and memory from Linux /proc, so that a benchmark can
 * charge each target process for its own work rather than the machine's. Elsewhere it returns
 * undefined and the report prints a dash.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** cpuMicros returns the user + system CPU time a process has used so far, in microseconds. */
export function cpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) / clockTicks()) * 1e6;
  } catch {
    return undefined;
  }
}

/**
 * machineBusyMicros returns the CPU time all cores have spent busy since boot, in microseconds,
 * so that a benchmark can see how much of the machine something else used during its window.
 */
export function machineBusyMicros(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal ...
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (ticks.length < 8 || ticks.some((value) => !Number.isFinite(value))) return undefined;
    const total = ticks.reduce((sum, value) => sum + value, 0);
    const idle = ticks[3]! + ticks[4]!;
    return ((total - idle) / clockTicks()) * 1e6;
  } catch {
    return undefined;
  }
}

/** Memory holds a process's resident set now and at its peak, in bytes. */
export interface Memory {
  readonly rss: number;
  readonly peakRss: number;
}

/** memory returns VmRSS and VmHWM of a process. */
export function memory(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const rss = kib('VmRSS');
    return Number.isFinite(rss) ? { rss, peakRss: kib('VmHWM') } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * childPid returns the child of a process whose command line contains `marker`. A process run
 * under tsx has an esbuild child too, so the first child is not necessarily the one wanted.
 */
export function childPid(pid: number, marker: string): number | undefined {
  return childPids(pid).find((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}

/** childPids returns the children of a process's main thread, which is where Node spawns them. */
export function childPids(pid: number): number[] {
  try {
    const children: number[] = [];
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    for (const word of tasks.split(' ')) if (word.trim() !== '') children.push(Number(word));
    return children;
  } catch {
    return [];
  }
}
