/**
 * The gateway's structured log: pino, one JSON object per line on stdout. `format: pretty`
 * (local development) prints the same records as short human lines instead; it is a
 * formatter over the JSON, so both formats carry the same fields.
 */
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerSettings {
  readonly level: string;
  readonly format: 'json' | 'pretty';
}

const omitted = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** formatPretty turns one pino JSON line into `HH:MM:SS.mmm LEVEL message key=value ...`. */
export function formatPretty(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = (typeof record.time === 'string' ? record.time : new Date().toISOString()).slice(11, 23);
  const level = String(record.level).toUpperCase().padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !omitted.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${level} ${String(record.msg ?? '')}${fields ? ' ' + fields : ''}\n`;
}

function prettyStream(output: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        output.write(formatPretty(pending.slice(0, newline)));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      callback();
    },
  });
}

/** createLogger builds the process logger; `output` defaults to stdout. */
export function createLogger(settings: LoggerSettings, output: NodeJS.WritableStream = process.stdout): Logger {
  const destination = settings.format === 'pretty' ? prettyStream(output) : output;
  return pino(
    {
      level: settings.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
