// The corpus of invalid config repositories under test/fixtures/invalid/. Each folder is a
// minimal config repository with one intended problem (or, where the case is about reporting
// several at once, several) and an expected.json naming the errors `portcullis validate` must
// report: code, file, line and column, and optionally a substring of the hint. The real CLI runs
// on every folder, as CI would: it must exit 1, and its errors (warnings are ignored) must be
// exactly the expected ones, at exactly the expected places.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { configIssueCodes, type ConfigIssueCode } from '../gateway/config/issues.ts';
import type { ConfigIssue } from '../gateway/config/issues.ts';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repoRoot, 'scripts', 'portcullis.mjs');
const fixturesFolder = path.join(repoRoot, 'test', 'fixtures', 'invalid');

/** Deleting fixtures must not go unnoticed. */
const minimumCases = 30;
/** How many cases (CLI processes) run at once: each process spends about a second starting up, mostly on CPU. */
const concurrency = Math.max(4, Math.min(8, os.availableParallelism()));

/** ExpectedError is one error a case must produce. file "" means "compare the code only" (for a root that is not found). */
interface ExpectedError {
  readonly code: ConfigIssueCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** A substring the issue's suggestion must contain. */
  readonly suggestion?: string;
}

interface Expectation {
  readonly description: string;
  readonly errors: readonly ExpectedError[];
}

/** ReportedIssue is an issue as `portcullis validate --format json` prints it: a ConfigIssue. */
type ReportedIssue = ConfigIssue;

interface Report {
  readonly valid: boolean;
  readonly issues: readonly ReportedIssue[];
}

interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cases: readonly string[] = readdirSync(fixturesFolder, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** readExpectation reads and checks a case's expected.json, so a malformed one fails loudly, not vacuously. */
function readExpectation(name: string): Expectation {
  const file = path.join(fixturesFolder, name, 'expected.json');
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const where = `test/fixtures/invalid/${name}/expected.json`;
  assert.ok(isObject(raw), `${where}: expected an object`);
  assert.ok(typeof raw.description === 'string' && raw.description.trim() !== '', `${where}: description must be a non-empty string`);
  assert.ok(Array.isArray(raw.errors) && raw.errors.length > 0, `${where}: errors must be a non-empty list`);
  const errors = raw.errors.map((entry: unknown, index: number): ExpectedError => {
    const at = `${where}: errors[${index}]`;
    assert.ok(isObject(entry), `${at}: expected an object`);
    const { code, file, line, column, suggestion } = entry;
    assert.ok(typeof code === 'string' && code in configIssueCodes, `${at}: unknown code ${String(code)}`);
    assert.equal(configIssueCodes[code as ConfigIssueCode][0], 'error', `${at}: ${code} is not an error code`);
    assert.ok(typeof file === 'string', `${at}: file must be a string`);
    assert.ok(Number.isInteger(line) && (line as number) >= 0, `${at}: line must be a whole number`);
    assert.ok(Number.isInteger(column) && (column as number) >= 0, `${at}: column must be a whole number`);
    assert.ok(suggestion === undefined || (typeof suggestion === 'string' && suggestion !== ''), `${at}: suggestion must be a non-empty string`);
    assert.ok(file !== '' || (line === 0 && column === 0), `${at}: a code-only expectation (file "") has line 0 and column 0`);
    return { code: code as ConfigIssueCode, file, line: line as number, column: column as number, ...(suggestion === undefined ? {} : { suggestion }) };
  });
  return { description: raw.description, errors };
}

/** runCli runs `portcullis validate <folder> --format json` in a child process; it never rejects. */
async function runCli(folder: string): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [cli, 'validate', folder, '--format', 'json'], {
      cwd: repoRoot,
      env: { ...process.env, GITHUB_ACTIONS: '' },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: unknown; stderr?: unknown; message?: unknown };
    return {
      exitCode: typeof failure.code === 'number' ? failure.code : null,
      stdout: typeof failure.stdout === 'string' ? failure.stdout : '',
      stderr: typeof failure.stderr === 'string' && failure.stderr !== '' ? failure.stderr : String(failure.message),
    };
  }
}

const key = (issue: { code: string; file: string; line: number; column: number }): string =>
  `${issue.file}:${issue.line}:${issue.column} ${issue.code}`;

test(`the invalid-config corpus has at least ${minimumCases} cases`, () => {
  assert.ok(cases.length >= minimumCases, `only ${cases.length} cases in test/fixtures/invalid`);
  for (const name of cases) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `case folder names are kebab-case: ${name}`);
});

// The cases run concurrently, a few at a time, each spawning its own CLI process; so
// --test-name-pattern runs single cases without spawning the others.
describe('invalid config fixtures', { concurrency }, () => {
  for (const name of cases) {
    test(name, async () => {
      const expectation = readExpectation(name);
      const folder = path.join(fixturesFolder, name);
      const run = await runCli(folder);
      const context = `${name}: ${expectation.description}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

      assert.equal(run.exitCode, 1, `exit code\n${context}`);
      let report: Report;
      try {
        report = JSON.parse(run.stdout) as Report;
      } catch {
        assert.fail(`stdout is not JSON\n${context}`);
      }
      assert.equal(report.valid, false, `report.valid\n${context}`);

      // Expectations with file "" compare the code only: the issue's file is then a path outside the repository.
      const codeOnly = new Set(expectation.errors.filter((error) => error.file === '').map((error) => error.code));
      const errors = report.issues
        .filter((issue) => issue.severity === 'error')
        .map((issue) => (codeOnly.has(issue.code as ConfigIssueCode) ? { ...issue, file: '', line: 0, column: 0 } : issue));
      for (const issue of report.issues) {
        if (issue.code === 'PCX_ERR_CONFIG_NOT_FOUND') assert.equal(issue.file, folder, 'a missing root is reported at the folder searched');
      }

      const listing = errors.map((issue) => `  ${key(issue)} [${issue.path}] ${issue.message}${issue.suggestion ? ` (hint: ${issue.suggestion})` : ''}`).join('\n');
      assert.deepEqual(
        [...new Set(errors.map(key))].sort(),
        [...new Set(expectation.errors.map(key))].sort(),
        `errors reported (file:line:column code) differ from expected.json; reported:\n${listing}\n`,
      );

      for (const expected of expectation.errors) {
        if (expected.suggestion === undefined) continue;
        const matching = errors.filter((issue) => key(issue) === key(expected));
        assert.ok(
          matching.some((issue) => issue.suggestion?.includes(expected.suggestion!)),
          `${key(expected)}: the hint should contain ${JSON.stringify(expected.suggestion)}; got ${JSON.stringify(matching.map((issue) => issue.suggestion ?? null))}`,
        );
      }
    });
  }
});
