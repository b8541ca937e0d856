/**
 * configRevision is the git commit a config folder is checked out at, when that is known: the
 * folder is in a git work tree (a clone, or a git-sync worktree) and has no uncommitted change
 * under it. Audit records and /admin/config carry it beside the content hash, so an auditor can
 * go from a decision to the pull request that made it. Unknown (no git, not a repository, local
 * edits) is undefined, never a guess.
 */
import { gitIn as git } from './git-command.ts';

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
