/**
 * Rendering config issues for people (terminal), for tools (JSON) and for GitHub Actions
 * (workflow commands that annotate the pull request's changed lines).
 */
import path from 'node:path';
import type { ConfigIssue } from './issues.ts';

/** ReportFormat names the output formats of `portcullis validate`. */
export type ReportFormat = 'human' | 'json' | 'github';

/** ReportSummary is what a validation run concluded. */
export interface ReportSummary {
  readonly folder: string | undefined;
  readonly issues: readonly ConfigIssue[];
  readonly version?: string;
  readonly counts?: Readonly<Record<string, number>>;
}

function location(issue: ConfigIssue): string {
  return issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
}

/** renderHuman prints one block per issue and a closing summary line. */
export function renderHuman(summary: ReportSummary): string {
  const lines: string[] = [];
  for (const issue of summary.issues) {
    lines.push(`${location(issue)}: ${issue.severity} ${issue.code}${issue.path ? ` at ${issue.path}` : ''}`);
    lines.push(`  ${issue.message}`);
    if (issue.suggestion) lines.push(`  hint: ${issue.suggestion}`);
  }
  const errors = summary.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = summary.issues.length - errors;
  if (errors > 0) {
    lines.push(`✗ ${errors} error(s), ${warnings} warning(s): the config is invalid.`);
  } else {
    const counts = summary.counts ? ` (${Object.entries(summary.counts).map(([k, v]) => `${v} ${k}`).join(', ')})` : '';
    lines.push(`✓ config is valid${counts}, ${warnings} warning(s). version ${summary.version?.slice(0, 12) ?? '-'}`);
  }
  return lines.join('\n') + '\n';
}

/** renderJson prints a stable JSON document with every issue. */
export function renderJson(summary: ReportSummary): string {
  const errors = summary.issues.filter((issue) => issue.severity === 'error').length;
  return JSON.stringify({ valid: errors === 0, version: summary.version ?? null, counts: summary.counts ?? null, issues: summary.issues }, null, 2) + '\n';
}

// GitHub workflow commands need % , \r \n escaped in the message and also : , in properties.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * renderGithub prints `::error file=…,line=…,col=…::` commands (paths relative to the workspace,
 * so annotations land on the pull request's files) followed by the human report.
 */
export function renderGithub(summary: ReportSummary, workspace: string): string {
  const lines = summary.issues.map((issue) => {
    const file = summary.folder ? path.relative(workspace, path.join(summary.folder, issue.file)) : issue.file;
    const properties = [`file=${escapeProperty(file)}`];
    if (issue.line > 0) properties.push(`line=${issue.line}`, `col=${issue.column}`);
    properties.push(`title=${escapeProperty(issue.code)}`);
    const message = `${issue.path ? `${issue.path}: ` : ''}${issue.message}${issue.suggestion ? ` (hint: ${issue.suggestion})` : ''}`;
    return `::${issue.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(message)}`;
  });
  return lines.join('\n') + (lines.length ? '\n' : '') + renderHuman(summary);
}
