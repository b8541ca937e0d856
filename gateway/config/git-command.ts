/**
 * gitIn runs one read-only git command in a folder and returns its trimmed output, or throws an
 * error that quotes git's own complaint. The plan (base checkout) and the config revision both
 * read repositories through it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** gitTimeoutMs bounds each git call: a reload or a CI check must not hang on a stuck file system. */
const gitTimeoutMs = 5_000;

export async function gitIn(folder: string, args: readonly string[]): Promise<string> {
  try {
    // safe.directory: git-sync often runs as another user than the gateway, and git refuses
    // repositories owned by someone else; reading a checkout is safe either way.
    return (await run('git', ['-c', 'safe.directory=*', '-C', folder, ...args], { timeout: gitTimeoutMs, maxBuffer: 16 * 2 ** 20 })).stdout.trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`git ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}
