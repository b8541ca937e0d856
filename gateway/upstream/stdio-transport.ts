/**
 * StdioTransport runs an upstream MCP server as a child process and speaks newline-delimited
 * JSON-RPC over its stdin and stdout. The child leads its own process group so that everything
 * it spawns can be ended together, and a watchdog shell ends that group even when the gateway
 * itself is killed without a chance to clean up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { classifyMessage, type JsonRpcMessage } from '../jsonrpc/message.ts';
import type { UpstreamTransport } from './transport.ts';

/** StdioTransportOptions describe one child; `env` is already resolved (secrets included) and is added to a safe base. */
export interface StdioTransportOptions {
  readonly serverId: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly logger: Logger;
}

/**
 * inheritedEnvNames lists the only gateway variables a child sees unless its config passes more:
 * the gateway's own environment holds its secrets, and an upstream must not read them.
 */
export const inheritedEnvNames: readonly string[] = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'TMPDIR'];

/** killGraceMs is how long close() waits after SIGTERM before it sends SIGKILL to the group. */
const killGraceMs = 2000;
/** stderrLineLimit bounds one logged stderr line, so a child printing megabytes without a newline cannot bloat the log. */
const stderrLineLimit = 8 * 1024;
const stderrTailLines = 5;
/** exitSettleMs waits for the last stderr after an exit; a grandchild holding the pipe open must not delay onclose for long. */
const exitSettleMs = 500;

/**
 * watchdogScript ends the child's process group once its stdin reaches end of file, which happens
 * when the gateway exits or is killed, because only the gateway holds the write end. The gateway
 * writes `release` first when it has already ended the group itself, so a recycled group id is
 * never signalled. Signals are ignored so that a terminal's Ctrl-C, which reaches the gateway's
 * process group, cannot end the watchdog before the gateway.
 */
const watchdogScript = [
  "trap '' INT TERM HUP",
  'read -r line',
  '[ "$line" = release ] && exit 0',
  'kill -s TERM -- "-$1" 2>/dev/null || exit 0',
  'sleep 2',
  'kill -s KILL -- "-$1" 2>/dev/null',
  'exit 0',
].join('\n');

function childEnv(extra: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of inheritedEnvNames) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class StdioTransport implements UpstreamTransport {
  onmessage?: UpstreamTransport['onmessage'];
  onclose?: UpstreamTransport['onclose'];

  readonly #options: StdioTransportOptions;
  #child: ChildProcess | undefined;
  #watchdog: ChildProcess | undefined;
  #exited = false;
  #exit: Promise<void> | undefined;
  #closing = false;
  #closeNotified = false;
  readonly #stderrTail: string[] = [];

  constructor(options: StdioTransportOptions) {
    this.#options = options;
  }

  /** pid is the child's process id (also its process group id) while it runs. */
  get pid(): number | undefined {
    return this.#exited ? undefined : this.#child?.pid;
  }

  async start(signal: AbortSignal): Promise<void> {
    if (this.#child) throw new Error(`upstream "${this.#options.serverId}": start() called twice`);
    signal.throwIfAborted();
    const { command, args, cwd, serverId } = this.#options;
    const child = spawn(command, [...args], {
      cwd,
      env: childEnv(this.#options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.#child = child;
    let settled = false;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    this.#exit = new Promise<void>((resolve) => {
      child.once('exit', () => {
        this.#exited = true;
        resolve();
      });
      child.once('error', () => {
        if (child.pid === undefined) resolve();
      });
    });

    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        void this.close();
        reject(signal.reason instanceof Error ? signal.reason : new Error(`upstream "${serverId}": start aborted`));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('spawn', () => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        resolve();
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        this.#exited = true;
        reject(spawnError(serverId, command, cwd, error));
      });
    });

    // The watchdog needs the group id, which exists only now; it is spawned after the child, so the
    // child never inherits the pipe's write end (Node opens its pipes close-on-exec).
    this.#watchdog = this.#spawnWatchdog(child.pid!);

    child.on('error', (error) => this.#options.logger.warn({ server: serverId, err: error }, 'upstream process error'));
    child.stdin!.on('error', (error) => this.#options.logger.debug({ server: serverId, err: error }, 'upstream stdin error'));
    this.#readStdout(child);
    this.#readStderr(child);
    child.once('exit', (code, exitSignal) => {
      if (this.#closing) return;
      // The leader is gone; end whatever it left behind in its group before the id can be recycled.
      signalGroup(child.pid!, 'SIGTERM');
      this.#releaseWatchdog();
      void Promise.race([closed, delay(exitSettleMs)]).then(() => this.#notifyClose(exitError(serverId, command, code, exitSignal, this.#stderrTail)));
    });
  }

  send(message: JsonRpcMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (!stdin || this.#exited || this.#closing || stdin.destroyed || !stdin.writable) {
      return Promise.reject(new Error(`upstream "${this.#options.serverId}" is not running`));
    }
    // Messages sent in one event-loop turn leave in one writev: with many calls in flight, one system call
    // per message was the largest single cost of the stdio path (measured with --cpu-prof).
    if (!stdin.writableCorked) {
      stdin.cork();
      setImmediate(() => stdin.uncork());
    }
    return new Promise<void>((resolve, reject) => {
      // The callback fires once the line reached the pipe, so a slow child pushes back on callers.
      stdin.write(JSON.stringify(message) + '\n', (error) => {
        if (error) reject(new Error(`upstream "${this.#options.serverId}": write failed: ${error.message}`, { cause: error }));
        else resolve();
      });
    });
  }

  setProtocolVersion(_version: string): void {
    // stdio carries no per-message protocol header.
  }

  async close(): Promise<void> {
    if (this.#closing) {
      await this.#exit;
      return;
    }
    this.#closing = true;
    const child = this.#child;
    if (!child || child.pid === undefined) return;
    const pgid = child.pid;
    if (this.#exited) {
      // The exit handler already signalled the group; signalling again could hit a recycled id.
      this.#releaseWatchdog();
      return;
    }
    child.stdin?.end();
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + killGraceMs;
    // Waiting for the whole group, not only the leader, gives the child's own children the same grace.
    while (Date.now() < deadline && (!this.#exited || signalGroup(pgid, 0))) await delay(25);
    if (!this.#exited || signalGroup(pgid, 0)) signalGroup(pgid, 'SIGKILL');
    await this.#exit;
    this.#releaseWatchdog();
  }

  #spawnWatchdog(pgid: number): ChildProcess | undefined {
    try {
      const watchdog = spawn('/bin/sh', ['-c', watchdogScript, 'portcullis-watchdog', String(pgid)], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      });
      watchdog.on('error', (error) => this.#options.logger.warn({ server: this.#options.serverId, err: error }, 'upstream watchdog failed; the child may outlive a killed gateway'));
      watchdog.stdin!.on('error', () => undefined);
      // Neither the watchdog nor its pipe may keep the gateway alive: it exists only for the gateway's death.
      watchdog.unref();
      (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
      return watchdog;
    } catch (error) {
      this.#options.logger.warn({ server: this.#options.serverId, err: error }, 'upstream watchdog failed; the child may outlive a killed gateway');
      return undefined;
    }
  }

  #releaseWatchdog(): void {
    const stdin = this.#watchdog?.stdin;
    this.#watchdog = undefined;
    if (stdin && !stdin.destroyed) stdin.end('release\n');
  }

  #notifyClose(reason: Error): void {
    if (this.#closeNotified || this.#closing) return;
    this.#closeNotified = true;
    this.onclose?.(reason);
  }

  #readStdout(child: ChildProcess): void {
    const stdout = child.stdout!;
    stdout.setEncoding('utf8');
    let pending = '';
    stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        this.#stdoutLine(line);
        newline = pending.indexOf('\n');
      }
    });
    stdout.on('error', () => undefined);
  }

  #stdoutLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const { serverId, logger } = this.#options;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // Servers that print banners or debug output to stdout are common; the protocol survives it.
      logger.warn({ server: serverId, line: truncate(line, 512) }, 'upstream printed a non-JSON line on stdout');
      return;
    }
    for (const value of Array.isArray(parsed) ? parsed : [parsed]) {
      if (classifyMessage(value) === 'invalid') {
        logger.warn({ server: serverId, line: truncate(line, 512) }, 'upstream printed JSON that is not a JSON-RPC message');
        continue;
      }
      try {
        this.onmessage?.(value as JsonRpcMessage, undefined);
      } catch (error) {
        logger.error({ server: serverId, err: error }, 'upstream message handler threw');
      }
    }
  }

  #readStderr(child: ChildProcess): void {
    const stderr = child.stderr!;
    stderr.setEncoding('utf8');
    let pending = '';
    let skipping = false;
    const emit = (line: string): void => {
      const text = line.endsWith('\r') ? line.slice(0, -1) : line;
      this.#stderrTail.push(truncate(text, 500));
      if (this.#stderrTail.length > stderrTailLines) this.#stderrTail.shift();
      this.#options.logger.info({ server: this.#options.serverId, stream: 'stderr' }, text);
    };
    stderr.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (!skipping) emit(line);
        skipping = false;
        newline = pending.indexOf('\n');
      }
      if (pending.length > stderrLineLimit) {
        if (!skipping) emit(pending.slice(0, stderrLineLimit) + '…');
        skipping = true;
        pending = '';
      }
    });
    stderr.on('end', () => {
      if (pending !== '' && !skipping) emit(pending);
    });
    stderr.on('error', () => undefined);
  }
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? text.slice(0, limit) + '…' : text;
}

function spawnError(serverId: string, command: string, cwd: string, error: NodeJS.ErrnoException): Error {
  // spawn reports a missing working directory as ENOENT of the command; tell the two apart.
  const reason =
    error.code === 'ENOENT'
      ? existsSync(cwd)
        ? `command not found: ${command}`
        : `working directory does not exist: ${cwd}`
      : error.code === 'EACCES'
        ? `command not executable: ${command}`
        : error.message;
  return new Error(`upstream "${serverId}" could not start ${command} in ${cwd}: ${reason}`, { cause: error });
}

function exitError(serverId: string, command: string, code: number | null, signal: NodeJS.Signals | null, tail: readonly string[]): Error {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  const stderr = tail.length > 0 ? `; last stderr:\n${tail.join('\n')}` : '';
  return new Error(`upstream "${serverId}" (${command}) ${how}${stderr}`);
}
