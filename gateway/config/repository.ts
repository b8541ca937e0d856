/**
 * Reading a config repository: the root file, then every file its include globs name, each
 * parsed with positions. No validation happens here beyond YAML syntax.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { ConfigIssue } from './issues.ts';
import { severityOf } from './issues.ts';
import { lockFilePath, lockFileProblem } from './lock-file-path.ts';
import { SourceFile } from './source-file.ts';
import type { FileKind } from './schema-validation.ts';

/** IncludedKind is a kind of file found through include globs (the root and the lock file are found by name). */
export type IncludedKind = Exclude<FileKind, 'root' | 'lock'>;

/** includeKeys maps each included kind to its key under `include:` in the root file. */
export const includeKeys: Record<IncludedKind, 'servers' | 'policies' | 'guardrails' | 'tests'> = {
  server: 'servers',
  policy: 'policies',
  guardrail: 'guardrails',
  test: 'tests',
};

/** defaultIncludes are the globs used for a kind the root file does not mention. */
export const defaultIncludes: Record<IncludedKind, readonly string[]> = {
  server: ['servers/**/*.{yaml,yml}'],
  policy: ['policies/**/*.{yaml,yml}'],
  guardrail: ['guardrails/**/*.{yaml,yml}'],
  test: ['tests/**/*.{yaml,yml}'],
};

/** RepositoryFile is one parsed file of the repository and the kind it was included as. */
export interface RepositoryFile {
  readonly kind: FileKind;
  readonly source: SourceFile;
}

/** Repository is the parsed content of a config repository. */
export interface Repository {
  /** folder is the absolute path of the folder holding the root file; file paths are relative to it. */
  readonly folder: string;
  readonly root: SourceFile;
  readonly files: readonly RepositoryFile[];
  readonly issues: readonly ConfigIssue[];
}

/** readRepository reads and parses the root file and every included file. */
export async function readRepository(rootFilePath: string): Promise<Repository> {
  const folder = path.dirname(rootFilePath);
  const issues: ConfigIssue[] = [];
  const root = await readSource(folder, rootFilePath, issues);
  const includes = includeGlobs(root.value);
  const files: RepositoryFile[] = [{ kind: 'root', source: root }];
  const kindOfFile = new Map<string, IncludedKind>();

  for (const kind of Object.keys(includeKeys) as IncludedKind[]) {
    const globs = includes[kind];
    for (const [index, pattern] of globs.entries()) {
      const matches = (await glob(pattern, { cwd: folder, onlyFiles: true, dot: false, expandDirectories: false })).sort();
      if (matches.length === 0 && includes.explicit.has(kind)) {
        issues.push(root.issue('PCX_WARN_INCLUDE_MATCHES_NOTHING', ['include', includeKeys[kind], index], {
          message: `include glob \`${pattern}\` matches no file`,
          suggestion: 'check the path, or remove the glob',
        }));
      }
      for (const relative of matches) {
        // A broad glob such as **/*.yaml also matches the root file, which is the root, not a member.
        if (relative === root.relativePath) continue;
        const earlier = kindOfFile.get(relative);
        if (earlier === kind) continue;
        if (earlier) {
          issues.push({
            code: 'PCX_ERR_FILE_INCLUDED_TWICE',
            severity: severityOf('PCX_ERR_FILE_INCLUDED_TWICE'),
            file: relative,
            line: 0,
            column: 0,
            path: '',
            message: `this file is included both as ${includeKeys[earlier]} and as ${includeKeys[kind]}`,
            suggestion: 'narrow the include globs so each file has one kind',
          });
          continue;
        }
        kindOfFile.set(relative, kind);
        files.push({ kind, source: await readSource(folder, path.join(folder, relative), issues) });
      }
    }
  }
  const lock = await readLockFile(folder, root.value);
  if (lock && !kindOfFile.has(lock.relativePath)) files.push({ kind: 'lock', source: lock });
  for (const file of files) issues.push(...file.source.syntaxIssues);
  return { folder, root, files, issues };
}

// The lock is optional: a repository without pinning has none, and `portcullis lock` creates it.
// A path outside the repository is never read; checks/pinning.ts reports it.
async function readLockFile(folder: string, rootValue: unknown): Promise<SourceFile | undefined> {
  const file = lockFilePath(folder, rootValue);
  if (lockFileProblem(folder, file)) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable is not absent: an empty lock would withhold every tool or unpin them all.
    return new SourceFile(path.relative(folder, file).split(path.sep).join('/'), '%unreadable');
  }
  return new SourceFile(path.relative(folder, file).split(path.sep).join('/'), text);
}

async function readSource(folder: string, absolutePath: string, issues: ConfigIssue[]): Promise<SourceFile> {
  const relative = path.relative(folder, absolutePath).split(path.sep).join('/');
  try {
    return new SourceFile(relative, await readFile(absolutePath, 'utf8'));
  } catch (error) {
    issues.push({
      code: 'PCX_ERR_FILE_UNREADABLE',
      severity: severityOf('PCX_ERR_FILE_UNREADABLE'),
      file: relative,
      line: 0,
      column: 0,
      path: '',
      message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
    return new SourceFile(relative, '{}');
  }
}

// The include section is read before schema validation, so it is read defensively: anything
// that is not a list of strings falls back to the default, and schema validation reports it.
function includeGlobs(rootValue: unknown): Record<IncludedKind, readonly string[]> & { explicit: Set<IncludedKind> } {
  const include = (rootValue as { include?: Record<string, unknown> } | undefined)?.include;
  const explicit = new Set<IncludedKind>();
  const pick = (kind: IncludedKind): readonly string[] => {
    const value = include && typeof include === 'object' ? include[includeKeys[kind]] : undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      explicit.add(kind);
      return value as string[];
    }
    return defaultIncludes[kind];
  };
  return { server: pick('server'), policy: pick('policy'), guardrail: pick('guardrail'), test: pick('test'), explicit };
}
