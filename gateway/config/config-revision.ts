/**
 * configRevision is the git commit a config folder is checked out at, when that is known: the
 * folder is in a git work tree (a clone, or a git-sync worktree) and has no uncommitted change
 * under it. Audit records and /admin/config carry it beside the content hash, so an auditor can
 * go from a decision to the pull request that made it. Unknown (no git, not a repository, local
 * edits) is undefined, never a guess.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** gitTimeoutMs bounds each git call: a reload must not hang on a stuck file system. */
const gitTimeoutMs = 5_000;

async function git(folder: string, args: readonly string[]): Promise<string> {
  // safe.directory: git-sync often runs as another user than the gateway, and git refuses
  // repositories owned by someone else; reading the commit of a checkout is safe either way.
  return (await run('git', ['-c', 'safe.directory=*', '-C', folder, ...args], { timeout: gitTimeoutMs, maxBuffer: 4 * 2 ** 20 })).stdout.trim();
}

/** configRevision returns the commit of a clean git checkout of `folder`, else undefined. */
export async function configRevision(folder: string): Promise<string | undefined> {
  try {
    // `--untracked-files=normal` counts a new file as a change: it would be part of the config.
    if ((await git(folder, ['status', '--porcelain', '--untracked-files=normal', '--', '.'])) !== '') return undefined;
    const commit = await git(folder, ['rev-parse', '--verify', 'HEAD']);
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
