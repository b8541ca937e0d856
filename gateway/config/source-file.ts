/**
 * A parsed YAML file that remembers where every value came from, so any check, however late,
 * can point a person at file:line:column.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { ConfigIssue, ConfigIssueCode, IssueDetails } from './issues.ts';
import { severityOf } from './issues.ts';

/** PathSegment is one step into a YAML value: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** Position is a 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** IssueLocator turns a path inside a file into a located issue; checks depend only on this. */
export interface IssueLocator {
  readonly relativePath: string;
  locate(path: readonly PathSegment[], target?: 'key' | 'value'): Position;
  issue(code: ConfigIssueCode, path: readonly PathSegment[], details: IssueDetails, target?: 'key' | 'value'): ConfigIssue;
}

/**
 * RemappedLocator locates paths of a pruned copy of a file (see withoutInvalidParts) in the
 * original file, so an item after a removed list item is still reported where it stands.
 */
export class RemappedLocator implements IssueLocator {
  readonly relativePath: string;
  readonly #source: SourceFile;
  readonly #toOriginal: (path: readonly PathSegment[]) => PathSegment[];

  constructor(source: SourceFile, toOriginal: (path: readonly PathSegment[]) => PathSegment[]) {
    this.relativePath = source.relativePath;
    this.#source = source;
    this.#toOriginal = toOriginal;
  }

  locate(path: readonly PathSegment[], target: 'key' | 'value' = 'value'): Position {
    return this.#source.locate(this.#toOriginal(path), target);
  }

  issue(code: ConfigIssueCode, path: readonly PathSegment[], details: IssueDetails, target: 'key' | 'value' = 'value'): ConfigIssue {
    return this.#source.issue(code, this.#toOriginal(path), details, target);
  }
}

/** SourceFile is one YAML file of the config repository, parsed with positions. */
export class SourceFile implements IssueLocator {
  readonly relativePath: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly value: unknown;
  readonly syntaxIssues: readonly ConfigIssue[];
  readonly #lineCounter: LineCounter;

  constructor(relativePath: string, text: string) {
    this.relativePath = relativePath;
    this.text = text;
    this.#lineCounter = new LineCounter();
    // YAML 1.2 core schema: `yes` and `on` stay strings, which is what a reviewer expects.
    this.document = parseDocument(text, {
      lineCounter: this.#lineCounter,
      prettyErrors: true,
      uniqueKeys: true,
      schema: 'core',
      version: '1.2',
    });
    this.syntaxIssues = this.#collectSyntaxIssues();
    this.value = this.syntaxIssues.length === 0 ? this.document.toJS({ maxAliasCount: 100 }) : undefined;
  }

  /** positionOf converts a character offset into a 1-based line and column. */
  positionOf(offset: number): Position {
    const { line, col } = this.#lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * locate returns the position of the value at path, or of its key when target is 'key'.
   * When the path does not exist (a missing key), it returns the deepest existing ancestor.
   */
  locate(path: readonly PathSegment[], target: 'key' | 'value' = 'value'): Position {
    let node: unknown = this.document.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        break;
      }
    }
    const chosen = target === 'key' && keyNode ? keyNode : ((node as Node | null) ?? keyNode);
    const offset = chosen?.range?.[0] ?? 0;
    return this.positionOf(offset);
  }

  /** issue builds a located ConfigIssue for a value (or key) of this file. */
  issue(code: ConfigIssueCode, path: readonly PathSegment[], details: IssueDetails, target: 'key' | 'value' = 'value'): ConfigIssue {
    const { line, column } = this.locate(path, target);
    return {
      code,
      severity: severityOf(code),
      file: this.relativePath,
      line,
      column,
      path: formatPath(path),
      ...details,
    };
  }

  #collectSyntaxIssues(): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    for (const error of this.document.errors) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      const duplicate = error.code === 'DUPLICATE_KEY';
      const code: ConfigIssueCode = duplicate ? 'PCX_ERR_YAML_DUPLICATE_KEY' : 'PCX_ERR_YAML_SYNTAX';
      issues.push({
        code,
        severity: severityOf(code),
        file: this.relativePath,
        line: position.line,
        column: position.col,
        path: '',
        message: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message,
        suggestion: duplicate ? 'remove or merge one of the two entries' : undefined,
      });
    }
    if (issues.length === 0 && (this.document.contents === null || isScalar(this.document.contents) && this.document.contents.value === null)) {
      issues.push({
        code: 'PCX_ERR_EMPTY_FILE',
        severity: severityOf('PCX_ERR_EMPTY_FILE'),
        file: this.relativePath,
        line: 0,
        column: 0,
        path: '',
        message: 'the file is empty',
        suggestion: 'add its content or delete the file',
      });
    }
    return issues;
  }
}

/** formatPath renders a path the way people write it: `rules[2].arguments.owner`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
