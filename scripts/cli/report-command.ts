/**
 * parseReportCommand reads the command line that `validate` and `test` share: an optional
 * config folder, `--config`, `--format human|json|github` (github by default under GitHub
 * Actions, so errors become annotations), `--help`, and any options of the command's own.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ReportFormat } from '../../gateway/config/report.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ReportCommand {
  /** configPath is the folder or root file to load (undefined: PORTCULLIS_CONFIG, else the current folder). */
  readonly configPath: string | undefined;
  readonly format: ReportFormat;
  /** values holds every option, the command's own included. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** parseReportCommand returns the parsed command line, or the exit code to end with (0 after --help, 2 on a usage error). */
export function parseReportCommand(command: string, argv: readonly string[], environment: NodeJS.ProcessEnv, help: string, own: Options = {}): ReportCommand | number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { config: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...own } });
  } catch (error) {
    process.stderr.write(`portcullis ${command}: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const format = ((values.format as string | undefined) ?? (environment.GITHUB_ACTIONS === 'true' ? 'github' : 'human')) as ReportFormat;
  if (!['human', 'json', 'github'].includes(format) || parsed.positionals.length > 1) {
    process.stderr.write(help);
    return 2;
  }
  return { configPath: (values.config as string | undefined) ?? parsed.positionals[0], format, values };
}
