// Every example config in the repository validates through the same code path as the CLI:
// the example served by `npm start`, the example repositories under docs/examples, and every
// ```yaml block in the docs marked with `# file: <kind>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../gateway/config/load-config.ts';
import { SourceFile } from '../gateway/config/source-file.ts';
import { validateAgainstSchema, type FileKind } from '../gateway/config/schema-validation.ts';
import { runCli } from './support/run-cli.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function exampleRepositories(): Promise<string[]> {
  const examples = path.join(repoRoot, 'docs', 'examples');
  const entries = await readdir(examples, { withFileTypes: true }).catch(() => []);
  return ['config', ...entries.filter((entry) => entry.isDirectory()).map((entry) => path.join('docs', 'examples', entry.name))];
}

test('example config repositories are valid, by the CLI (exit 0) and in-process', async () => {
  const repositories = await exampleRepositories();
  assert.ok(repositories.includes('config'));
  for (const repository of repositories) {
    const { exitCode, stdout } = await runCli(['validate', repository, '--format', 'json']);
    const report = JSON.parse(stdout) as { valid: boolean; issues: { severity: string; code: string }[] };
    assert.equal(exitCode, 0, `${repository}: ${stdout}`);
    assert.equal(report.valid, true);
    const result = await loadConfig({ explicitPath: path.join(repoRoot, repository) });
    assert.ok(result.config, `${repository} should load`);
  }
});

test('every marked yaml block in the docs is a valid file of its kind', async () => {
  const docs = path.join(repoRoot, 'docs');
  const markdown = (await readdir(docs, { recursive: true })).filter((file) => file.endsWith('.md'));
  const kinds: Record<string, FileKind> = { root: 'root', server: 'server', policy: 'policy', guardrail: 'guardrail', test: 'test', lock: 'lock' };
  let checked = 0;
  for (const file of markdown) {
    const text = await readFile(path.join(docs, file), 'utf8');
    for (const match of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
      const block = match[1] ?? '';
      const kind = /^# file: (\w+)/.exec(block)?.[1];
      if (!kind) continue;
      assert.ok(kinds[kind], `${file}: unknown kind ${kind}`);
      const source = new SourceFile(`${file}#block`, block);
      assert.deepEqual(source.syntaxIssues, [], `${file}: YAML syntax in block:\n${block}`);
      const issues = validateAgainstSchema(source, kinds[kind]!);
      assert.deepEqual(issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.message}`), [], `${file}: block invalid:\n${block}`);
      checked++;
    }
  }
  // docs/config.md documents every file kind with at least one example of each.
  assert.ok(checked >= 4, `expected marked examples in docs/, found ${checked}`);
});
