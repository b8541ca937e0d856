/**
 * checkoutBase materialises the base of a plan: a folder as it is, or the config repository as
 * it was at a git ref, extracted with `git archive` into a temporary folder at the same path
 * relative to the repository's top, so relative paths inside the config still resolve alike.
 * Nothing in the working tree is touched.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configRevision } from '../config/config-revision.ts';
import { gitIn as git } from '../config/git-command.ts';

export interface BaseCheckout {
  /** folder holds the base config repository (its root file's folder). */
  readonly folder: string;
  /** commit is the full sha of the ref, or of a folder that is a clean git checkout; else undefined. */
  readonly commit: string | undefined;
  readonly cleanup: () => Promise<void>;
}

async function isDirectory(candidate: string): Promise<boolean> {
  return (await stat(candidate).catch(() => undefined))?.isDirectory() ?? false;
}

function extract(top: string, commit: string, relative: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['-c', 'safe.directory=*', '-C', top, 'archive', '--format=tar', commit, '--', relative === '' ? '.' : relative], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (chunk: Buffer) => (errors += chunk));
    tar.stderr.on('data', (chunk: Buffer) => (errors += chunk));
    archive.stdout.pipe(tar.stdin);
    let pending = 2;
    const done = (code: number | null): void => {
      if (code !== 0) errors ||= `exit ${code}`;
      if (--pending === 0) (errors ? reject(new Error(`git archive of ${commit}:${relative || '.'} failed: ${errors.trim()}`)) : resolve());
    };
    archive.on('error', reject).on('close', done);
    tar.on('error', reject).on('close', done);
  });
}

/**
 * checkoutBase returns the base config: `base` itself when it is a folder, else the head
 * folder's repository at the git ref `base`.
 */
export async function checkoutBase(base: string, headFolder: string): Promise<BaseCheckout> {
  if (await isDirectory(base)) return { folder: path.resolve(base), commit: await configRevision(base), cleanup: async () => {} };
  const top = await git(headFolder, ['rev-parse', '--show-toplevel']).catch((error: Error) => {
    throw new Error(`--base ${base} is not a folder, and ${headFolder} is not in a git repository (${error.message})`);
  });
  const commit = await git(top, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).catch(() => {
    throw new Error(`--base ${base} is neither a folder nor a commit of ${top} (fetch it first: actions/checkout needs fetch-depth: 0)`);
  });
  // git prints the top-level folder with symlinks resolved: compare like with like.
  const relative = path.relative(await realpath(top), await realpath(headFolder)).split(path.sep).join('/');
  const temporary = await mkdtemp(path.join(os.tmpdir(), 'portcullis-plan-base-'));
  try {
    await extract(top, commit, relative, temporary);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  const folder = path.join(temporary, relative);
  if (!(await isDirectory(folder))) {
    await rm(temporary, { recursive: true, force: true });
    throw new Error(`${relative || '.'} does not exist at ${base} (${commit.slice(0, 12)}): plan against a ref where the config repository exists, or pass a folder`);
  }
  return { folder, commit, cleanup: () => rm(temporary, { recursive: true, force: true }) };
}


