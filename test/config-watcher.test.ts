/**
 * watchConfig against real temporary folders: editor saves, ConfigMap `..data` swaps, new
 * subfolders, deletions, noise, and close().
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, watch, writeFileSync, type FSWatcher, type WatchListener } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { watchConfig, type ConfigWatcher } from '../gateway/reload/config-watcher.ts';
import { waitFor } from './support/wait-for.ts';

const debounceMs = 40;
/** quietMs is how long a test waits to be sure nothing more is reported. */
const quietMs = debounceMs * 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchConfig', { timeout: 8000 }, () => {
  let folder: string;
  let watcher: ConfigWatcher | undefined;
  let reasons: string[];

  /** start watches `folder` once the test has laid it out, recording every report. */
  function start(): void {
    reasons = [];
    watcher = watchConfig(folder, (reason) => reasons.push(reason), { debounceMs });
  }

  /** expectReports waits for the count to reach `count` and then for it to stay there. */
  async function expectReports(count: number, what: string): Promise<void> {
    await waitFor(() => reasons.length >= count, what, 2000);
    await sleep(quietMs);
    assert.equal(reasons.length, count, `${what}: ${JSON.stringify(reasons)}`);
  }

  beforeEach(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-watch-'));
    await writeFile(path.join(folder, 'portcullis.yaml'), 'version: 1\n');
    await mkdir(path.join(folder, 'servers'));
    await writeFile(path.join(folder, 'servers', 'github.yaml'), 'name: github\n');
  });

  afterEach(async () => {
    watcher?.close();
    watcher = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  test('reports a burst of edits once, naming the file', async () => {
    start();
    const file = path.join(folder, 'servers', 'github.yaml');
    // Synchronous writes: a burst well inside debounceMs however loaded the machine is.
    for (let i = 0; i < 5; i++) writeFileSync(file, `name: github\nrevision: ${i}\n`);
    await expectReports(1, 'one report for the burst');
    assert.match(reasons[0]!, /servers\/github\.yaml/);
    await writeFile(file, 'name: github\nrevision: last\n');
    await expectReports(2, 'a later edit is a new report');
  });

  test('follows an editor that saves by renaming a temporary file over the original', async () => {
    start();
    const file = path.join(folder, 'portcullis.yaml');
    const temporary = path.join(folder, '.portcullis.yaml.tmp');
    await writeFile(temporary, 'version: 2\n');
    await rename(temporary, file);
    await expectReports(1, 'rename-on-save');
    await writeFile(file, 'version: 3\n');
    await expectReports(2, 'an edit after rename-on-save');
    await writeFile(temporary, 'version: 4\n');
    await rename(temporary, file);
    await expectReports(3, 'a second rename-on-save');
  });

  test('reports each ConfigMap ..data swap and keeps working after several', async () => {
    // kubelet's layout: files are symlinks through `..data` into a timestamped directory.
    const revision = async (n: number) => {
      const directory = path.join(folder, `..2024_01_01_00_00_0${n}.000${n}`);
      await mkdir(directory);
      await writeFile(path.join(directory, 'gateway.yaml'), `revision: ${n}\n`);
      return path.basename(directory);
    };
    let current = await revision(0);
    await symlink(current, path.join(folder, '..data'));
    await symlink(path.join('..data', 'gateway.yaml'), path.join(folder, 'gateway.yaml'));
    start();
    for (let n = 1; n <= 3; n++) {
      const next = await revision(n);
      await symlink(next, path.join(folder, '..data_tmp'));
      await rename(path.join(folder, '..data_tmp'), path.join(folder, '..data'));
      await rm(path.join(folder, current), { recursive: true });
      current = next;
      await expectReports(n, `swap ${n}`);
      assert.match(reasons[n - 1]!, /\.\.data/);
      assert.equal(await readFile(path.join(folder, 'gateway.yaml'), 'utf8'), `revision: ${n}\n`);
    }
  });

  test('follows a git-sync link swapped to a new worktree, before the old one is deleted', async () => {
    // git-sync's layout: --link names a symlink into .worktrees/<commit>, replaced by a rename
    // for each commit; the old worktree is removed afterwards, maybe much later.
    const worktree = async (n: number) => {
      const directory = path.join(folder, '.worktrees', `commit-${n}`);
      await mkdir(path.join(directory, 'policies'), { recursive: true });
      await writeFile(path.join(directory, 'portcullis.yaml'), `version: 1\n# commit ${n}\n`);
      return path.relative(folder, directory);
    };
    const link = path.join(folder, 'current');
    await symlink(await worktree(0), link);
    reasons = [];
    watcher = watchConfig(link, (reason) => reasons.push(reason), { debounceMs });
    for (let n = 1; n <= 2; n++) {
      await symlink(await worktree(n), `${link}.tmp`);
      await rename(`${link}.tmp`, link);
      await expectReports(n, `swap to commit ${n}, the old worktree still there`);
    }
    // The watches followed the link: an edit inside the new worktree is seen, one in the old is not.
    await writeFile(path.join(folder, '.worktrees', 'commit-1', 'portcullis.yaml'), 'version: 1\n# stale\n');
    await sleep(quietMs);
    assert.equal(reasons.length, 2, JSON.stringify(reasons));
    await writeFile(path.join(folder, '.worktrees', 'commit-2', 'policies', 'new.yaml'), 'rules: []\n');
    await expectReports(3, 'a file in the current worktree');
  });

  test('reports a file in a subfolder created later, and later edits to it', async () => {
    start();
    const deeper = path.join(folder, 'policies', 'teams');
    await mkdir(deeper, { recursive: true });
    await writeFile(path.join(deeper, 'platform.yaml'), 'allow: []\n');
    await expectReports(1, 'new file in a new subfolder');
    await writeFile(path.join(deeper, 'platform.yaml'), 'allow: [x]\n');
    await expectReports(2, 'edit in the new subfolder');
  });

  test('reports deletions of a file and of a folder', async () => {
    await mkdir(path.join(folder, 'guardrails'));
    await writeFile(path.join(folder, 'guardrails', 'pii.yaml'), 'kind: pii\n');
    start();
    await rm(path.join(folder, 'servers', 'github.yaml'));
    await expectReports(1, 'file deleted');
    await rm(path.join(folder, 'guardrails'), { recursive: true });
    await expectReports(2, 'folder deleted');
  });

  test('watches a folder that was deleted and created again', async () => {
    start();
    await rm(path.join(folder, 'servers'), { recursive: true });
    await expectReports(1, 'folder deleted');
    await mkdir(path.join(folder, 'servers'));
    await sleep(quietMs);
    await writeFile(path.join(folder, 'servers', 'new.yml'), 'name: new\n');
    await expectReports(2, 'file in the recreated folder');
  });

  test('watches a folder replaced at once by another at the same path', async () => {
    start();
    // In one tick, so the first event arrives when the path already names the new directory.
    rmSync(path.join(folder, 'servers'), { recursive: true });
    mkdirSync(path.join(folder, 'servers'));
    await expectReports(1, 'github.yaml gone with its folder');
    await writeFile(path.join(folder, 'servers', 'replacement.yaml'), 'name: replacement\n');
    await expectReports(2, 'file in the replacement folder');
  });

  test('ignores non-YAML files, editor swap files and .git', async () => {
    await mkdir(path.join(folder, '.git'));
    start();
    await writeFile(path.join(folder, 'README.md'), '# config\n');
    await writeFile(path.join(folder, 'servers', '.github.yaml.swp'), 'swap');
    await writeFile(path.join(folder, 'servers', 'github.yaml~'), 'backup');
    await writeFile(path.join(folder, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await mkdir(path.join(folder, '.git', 'objects'));
    await writeFile(path.join(folder, '.git', 'objects', 'x.yaml'), 'not config');
    await sleep(quietMs);
    assert.deepEqual(reasons, []);
    // The watcher is alive: the silence above is not a dead watcher.
    await writeFile(path.join(folder, 'portcullis.yaml'), 'version: 5\n');
    await expectReports(1, 'a YAML edit after the noise');
  });

  test('close() stops reports, including one already pending', async () => {
    start();
    await writeFile(path.join(folder, 'portcullis.yaml'), 'version: 6\n');
    watcher!.close();
    await writeFile(path.join(folder, 'servers', 'github.yaml'), 'name: closed\n');
    await sleep(quietMs);
    assert.deepEqual(reasons, []);
  });

  test('falls back to polling when the kernel has no watches left, and still reports edits, new folders and deletions', async () => {
    reasons = [];
    let granted = 0;
    // The root gets its watch; the subfolder's is refused as inotify refuses past max_user_watches.
    const watchDirectory = (directory: string, listener: WatchListener<string>): FSWatcher => {
      if (granted++ >= 1) throw Object.assign(new Error(`ENOSPC: System limit for number of file watchers reached, watch '${directory}'`), { code: 'ENOSPC' });
      return watch(directory, listener);
    };
    watcher = watchConfig(folder, (reason) => reasons.push(reason), { debounceMs, pollIntervalMs: 30, watchDirectory });
    await sleep(quietMs);
    assert.deepEqual(reasons, [], 'starting to poll is not a change');
    await writeFile(path.join(folder, 'servers', 'github.yaml'), 'name: github\nrevision: polled\n');
    await expectReports(1, 'an edit in the folder whose watch was refused');
    await mkdir(path.join(folder, 'policies'));
    await writeFile(path.join(folder, 'policies', 'team.yaml'), 'rules: []\n');
    await expectReports(2, 'a file in a new folder');
    await rm(path.join(folder, 'policies'), { recursive: true });
    await expectReports(3, 'a deleted folder');
  });
});
