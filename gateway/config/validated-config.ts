/**
 * ValidatedConfig is what users wrote, after every file passed schema and semantic checks, with
 * each part still tied to its source file for error reporting. The compiler turns it into the
 * Runtime; request handling never sees it.
 */
import type { GuardrailFile, PolicyFile, PolicyTestFile, RootFile, ServerFile, ToolsLockFile } from './schema-types.generated.ts';
import type { IssueLocator } from './source-file.ts';

/** Located pairs a validated value with the file it came from. */
export interface Located<T> {
  readonly value: T;
  /** source locates paths of value in its file (through a remapping when invalid parts were pruned). */
  readonly source: IssueLocator;
}

export interface ValidatedConfig {
  /** folder is the absolute path of the config repository (the root file's folder). */
  readonly folder: string;
  readonly root: Located<RootFile>;
  readonly servers: readonly Located<ServerFile>[];
  readonly policyFiles: readonly Located<PolicyFile>[];
  readonly guardrailFiles: readonly Located<GuardrailFile>[];
  /** testFiles are the policy tests (tests/*.yaml): run by `portcullis test` and `validate`, never compiled into the Runtime. */
  readonly testFiles: readonly Located<PolicyTestFile>[];
  /** lock is the tool-definition lock file, when the repository has one. */
  readonly lock?: Located<ToolsLockFile>;
}

/** CheckContext carries facts gathered from every file, including files that failed the schema. */
export interface CheckContext {
  /** serverIds holds every server id written anywhere, so one bad server file does not make every policy naming it fail too. */
  readonly serverIds: ReadonlySet<string>;
  /** rootIntact is false when the root's groups or auth sections break the schema: checks that rely on them stay silent. */
  readonly rootIntact: boolean;
}
