/**
 * watchConfig reports changes to the YAML files of a config repository folder.
 *
 * It watches every directory with its own non-recursive `fs.watch` instead of
 * `{ recursive: true }`: on Linux, Node 20 emulates recursion in JavaScript with `fs.watchFile`
 * (stat polling, seconds late) for files. One watcher per directory, re-synchronised with
 * the tree after every structural change, handles what a config folder meets:
 *
 * - editors that save by writing a temporary file and renaming it over the original;
 * - Kubernetes ConfigMap volumes, where `..data` is a symlink swapped atomically to a new
 *   timestamped directory (only the `..data` rename is reported; the `..2024_…` directories
 *   themselves are kubelet's scratch and are not watched);
 * - a config folder that is itself a symlink swapped to a new directory, as git-sync's `--link`
 *   does for each commit it checks out: the link's parent is watched for the swap, so a reload
 *   does not wait for git-sync to delete the old worktree;
 * - subfolders created, deleted or replaced later (any event naming a directory gets it a
 *   fresh watcher);
 * - the folder itself disappearing for a while (retried until it is back).
 *
 * Non-YAML files and anything under `.git` are ignored. A burst of changes is reported once,
 * `debounceMs` after the last one.
 *
 * When the kernel refuses a watch for lack of resources (inotify instances or watches are
 * per-user limits, often exhausted on shared CI hosts and busy nodes), the watcher says so once
 * and falls back to polling the YAML files' sizes and modification times every
 * `pollIntervalMs`: a slower reload beats one that silently never comes.
 */
import { lstatSync, readdirSync, statSync, watch, type FSWatcher, type WatchListener } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/logger.ts';

export interface WatchConfigOptions {
  /** debounceMs is the quiet time after the last change before onChange runs; default 300. */
  readonly debounceMs?: number;
  readonly logger?: Logger;
  /** pollIntervalMs is the scan period once watches are out of resources; default 2000. */
  readonly pollIntervalMs?: number;
  /** watchDirectory replaces `fs.watch`, for tests that simulate exhausted watch limits. */
  readonly watchDirectory?: (directory: string, listener: WatchListener<string>) => FSWatcher;
}

/** ConfigWatcher is a running watch; close() stops it and cancels a pending report. */
export interface ConfigWatcher {
  close(): void;
}

interface DirectoryWatch {
  readonly watcher: FSWatcher;
  /**
   * inode tells a directory from one that replaced it at the same path, when the number
   * differs; numbers are reused, so onEvent does not rely on it.
   */
  readonly inode: number;
}

const configMapData = '..data';
const yamlExtension = /\.ya?ml$/i;
const reportedPathsLimit = 3;

function isYaml(name: string): boolean {
  return yamlExtension.test(name);
}

/** isSkippedDirectory names directories never watched: Git's own and kubelet's `..` entries. */
function isSkippedDirectory(name: string): boolean {
  return name === '.git' || name.startsWith('..');
}

/** Errors that mean the kernel has no watches left for this user, not that the path is bad. */
const outOfWatchResources = new Set(['EMFILE', 'ENFILE', 'ENOSPC']);

/**
 * yamlFingerprint lists every YAML file under `directory` with its size and modification time;
 * two equal fingerprints mean no YAML file was added, removed or rewritten in between.
 */
function yamlFingerprint(directory: string): string {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return '';
  }
  const parts: string[] = [];
  for (const entry of entries) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!isSkippedDirectory(entry.name)) parts.push(yamlFingerprint(file));
    } else if (isYaml(entry.name)) {
      // statSync follows symlinks, so a ConfigMap's `..data` swap changes what is seen here.
      const stats = statSync(file, { throwIfNoEntry: false });
      parts.push(`${file}:${stats?.size}:${stats?.mtimeMs}`);
    }
  }
  return parts.join('\n');
}

function inodeOf(directory: string): number | undefined {
  const stats = statSync(directory, { throwIfNoEntry: false });
  return stats?.isDirectory() ? stats.ino : undefined;
}

/** watchConfig calls `onChange` with a short reason after YAML files under `folder` change. */
export function watchConfig(folder: string, onChange: (reason: string) => void, options: WatchConfigOptions = {}): ConfigWatcher {
  const root = path.resolve(folder);
  const debounceMs = options.debounceMs ?? 300;
  const retryMs = Math.max(debounceMs, 1000);
  const logger = options.logger;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const watchDirectory = options.watchDirectory ?? ((directory, listener) => watch(directory, listener));
  const watches = new Map<string, DirectoryWatch>();
  const changed: string[] = [];
  let changeCount = 0;
  let debounceTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let closed = false;
  /** missing is set while the folder itself cannot be watched, so the outage is logged once. */
  let missing = false;

  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/') || '.';

  function noteChange(file: string): void {
    changeCount++;
    const name = relative(file);
    if (changed.length < reportedPathsLimit && !changed.includes(name)) changed.push(name);
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(report, debounceMs);
  }

  function report(): void {
    debounceTimer = undefined;
    const more = changeCount - changed.length;
    const reason = changed.join(', ') + (more > 0 ? ` and ${more} more` : '');
    changed.length = 0;
    changeCount = 0;
    // A safety net: a structural event can be missed while watchers are being replaced.
    synchronize(true);
    if (closed) return;
    try {
      onChange(reason);
    } catch (error) {
      logger?.error({ err: error, folder: root }, 'config change handler failed');
    }
  }

  function unwatch(directory: string): void {
    watches.get(directory)?.watcher.close();
    watches.delete(directory);
  }

  function unwatchTree(directory: string): void {
    const prefix = directory + path.sep;
    for (const watched of [...watches.keys()]) if (watched === directory || watched.startsWith(prefix)) unwatch(watched);
  }

  function unwatchAll(): void {
    for (const directory of [...watches.keys()]) unwatch(directory);
  }

  function scheduleRetry(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (synchronize(true)) noteChange(root);
    }, retryMs);
  }

  /** startWatch watches one directory; false when it cannot (gone already, or out of watches). */
  function startWatch(directory: string, inode: number): boolean {
    if (pollTimer) return false;
    try {
      const watcher = watchDirectory(directory, (_event, filename) => onEvent(directory, filename));
      watcher.on('error', (error) => {
        logger?.warn({ err: error, directory }, 'config watch failed; re-arming');
        unwatch(directory);
        setImmediate(() => synchronize(true));
      });
      watches.set(directory, { watcher, inode });
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (outOfWatchResources.has(code)) startPolling(code);
      else if (code !== 'ENOENT') logger?.warn({ err: error, directory }, 'cannot watch config directory');
      return false;
    }
  }

  /** startPolling replaces every watch with a periodic scan of the YAML files. */
  function startPolling(code: string): void {
    if (pollTimer || closed) return;
    unwatchAll();
    clearTimeout(retryTimer);
    retryTimer = undefined;
    logger?.warn({ folder: root, code, pollIntervalMs }, 'no file watches left for this user; polling the config folder instead');
    let last = yamlFingerprint(root);
    pollTimer = setInterval(() => {
      const current = yamlFingerprint(root);
      if (current === last) return;
      last = current;
      noteChange(root);
    }, pollIntervalMs);
  }

  /**
   * visit watches `directory` and its subdirectories, and returns whether a watch was new and
   * its directory held YAML already (files that no event will report). The watch starts before
   * the listing, so an entry created in between shows up in one or the other.
   */
  function visit(directory: string, seen: Set<string>): boolean {
    const inode = inodeOf(directory);
    if (inode === undefined) return false;
    const existing = watches.get(directory);
    if (existing && existing.inode !== inode) unwatch(directory);
    const isNew = !watches.has(directory);
    if (isNew && !startWatch(directory, inode)) return false;
    seen.add(directory);
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return false;
    }
    let foundYaml = false;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!isSkippedDirectory(entry.name) && visit(path.join(directory, entry.name), seen)) foundYaml = true;
      } else if (isNew && isYaml(entry.name)) {
        foundYaml = true;
      }
    }
    return foundYaml;
  }

  /**
   * synchronize makes the watches match the tree. `reportNew` says whether YAML found in newly
   * watched directories counts as a change (not at start). Returns false when the folder is gone.
   */
  function synchronize(reportNew: boolean): boolean {
    if (closed) return false;
    if (pollTimer) return true;
    const seen = new Set<string>();
    const foundYaml = visit(root, seen);
    if (pollTimer) return true;
    if (!seen.has(root)) {
      unwatchAll();
      if (!missing) logger?.warn({ folder: root }, 'config folder cannot be watched; retrying');
      missing = true;
      scheduleRetry();
      return false;
    }
    if (missing) logger?.info({ folder: root }, 'config folder is back');
    missing = false;
    for (const directory of [...watches.keys()]) if (!seen.has(directory)) unwatch(directory);
    if (reportNew && foundYaml) noteChange(root);
    return true;
  }

  function onEvent(directory: string, filename: string | Buffer | null): void {
    if (closed) return;
    if (filename === null) {
      // The platform did not say what changed: assume the worst.
      synchronize(true);
      noteChange(directory);
      return;
    }
    const name = filename.toString();
    const file = path.join(directory, name);
    if (name === configMapData) return noteChange(file);
    if (name === '.git' || name.startsWith('..')) return;
    if (isYaml(name)) return noteChange(file);
    // What is left: a directory appeared, vanished or was replaced (its parent reports it), or
    // the watched directory itself went (it reports its own name).
    const itself = name === path.basename(directory) && inodeOf(file) === undefined;
    const target = itself ? directory : file;
    if (!watches.has(target) && inodeOf(target) === undefined) return;
    const hadWatch = watches.has(target);
    // Always watch such a path afresh: a directory deleted and created again at once often
    // gets the same inode number, so the inode cannot tell the old watch is dead.
    unwatchTree(target);
    synchronize(true);
    if (hadWatch && !watches.has(target)) noteChange(target);
  }

  /**
   * watchLink watches the parent of a folder that is a symlink, for the link being replaced:
   * the folder's own watches follow the old target and see nothing of the swap. The new
   * target's inode differs, so synchronize moves every watch to it.
   */
  function watchLink(): FSWatcher | undefined {
    if (!lstatSync(root, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
    const link = path.basename(root);
    try {
      const watcher = watchDirectory(path.dirname(root), (_event, filename) => {
        if (closed || (filename !== null && filename.toString() !== link)) return;
        synchronize(true);
        noteChange(root);
      });
      watcher.on('error', (error) => logger?.warn({ err: error, folder: root }, 'watching the config folder link failed; changes inside it are still seen'));
      return watcher;
    } catch (error) {
      logger?.warn({ err: error, folder: root }, 'cannot watch the config folder link for swaps; changes inside it are still seen');
      return undefined;
    }
  }

  synchronize(false);
  const linkWatcher = watchLink();
  return {
    close() {
      closed = true;
      clearTimeout(debounceTimer);
      clearTimeout(retryTimer);
      clearInterval(pollTimer);
      linkWatcher?.close();
      unwatchAll();
    },
  };
}
