// configRevision: the git commit a config folder is checked out at, only when that is what is
// on disk. Real git repositories in temporary folders.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { configRevision } from '../gateway/config/config-revision.ts';

const run = promisify(execFile);

test('a clean checkout names its commit; an edit, a new file or no git at all names none', async () => {
  const top = await mkdtemp(path.join(os.tmpdir(), 'portcullis-revision-'));
  const git = (...args: string[]) => run('git', ['-C', top, '-c', 'user.name=Revision Test', '-c', 'user.email=revision@example.com', ...args]);
  try {
    const config = path.join(top, 'access');
    await mkdir(config);
    await writeFile(path.join(config, 'portcullis.yaml'), 'version: 1\n');
    assert.equal(await configRevision(config), undefined, 'not a git repository');

    await git('init', '--quiet');
    await git('add', '.');
    await git('commit', '--quiet', '-m', 'config');
    const commit = (await git('rev-parse', 'HEAD')).stdout.trim();
    assert.equal(await configRevision(config), commit);

    // A change outside the config folder does not make the config's commit wrong.
    await writeFile(path.join(top, 'README.md'), 'notes\n');
    assert.equal(await configRevision(config), commit);

    await writeFile(path.join(config, 'portcullis.yaml'), 'version: 1\n# edited\n');
    assert.equal(await configRevision(config), undefined, 'an uncommitted edit');
    await git('checkout', '--quiet', '--', 'access/portcullis.yaml');
    await mkdir(path.join(config, 'policies'));
    await writeFile(path.join(config, 'policies', 'new.yaml'), 'rules: []\n');
    assert.equal(await configRevision(config), undefined, 'a new, untracked file');
  } finally {
    await rm(top, { recursive: true, force: true });
  }
});
