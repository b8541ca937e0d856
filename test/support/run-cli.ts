/**
 * runCli runs the real `portcullis` command in a child process, as a user or CI would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(repoRoot, 'scripts', 'portcullis.mjs');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** runCli runs `portcullis ...args` from `cwd` (default: the repository root) with the given extra environment. */
export function runCli(args: readonly string[], environment: NodeJS.ProcessEnv = {}, cwd = repoRoot): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = { ...process.env, GITHUB_ACTIONS: '', ...environment };
    execFile(process.execPath, [cli, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}
