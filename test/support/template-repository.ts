/**
 * templateRepository is what a team has after `portcullis init` and a first push: the template
 * committed on `main`, with `origin/main` pointing at it as actions/checkout (fetch-depth 0)
 * leaves it. `git` runs further git commands in it as a named author.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from './run-cli.ts';

const run = promisify(execFile);

export interface TemplateRepository {
  readonly folder: string;
  git(...args: string[]): Promise<{ stdout: string }>;
  remove(): Promise<void>;
}

export async function templateRepository(author: string): Promise<TemplateRepository> {
  const folder = await realpath(await mkdtemp(path.join(os.tmpdir(), 'portcullis-template-')));
  const git = (...args: string[]) => run('git', ['-C', folder, '-c', `user.name=${author}`, '-c', 'user.email=author@example.com', ...args]);
  assert.equal((await runCli(['init', folder])).exitCode, 0);
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'Start from the Portcullis template');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  return { folder, git, remove: () => rm(folder, { recursive: true, force: true }) };
}
