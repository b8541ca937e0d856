// docs/gitops.md walks through one access change on the template repository and shows the
// commands' output. This test replays it: the policy and test files are taken from the page's
// own `# file:` blocks, and every `<!-- output: … -->` block must be what the commands print now.
// UPDATE_DOCS=1 rewrites the blocks; review the diff like any other change to the docs.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from './support/run-cli.ts';
import { templateRepository } from './support/template-repository.ts';

const page = path.join(repoRoot, 'docs', 'gitops.md');
/** shownFolder stands for the temporary folder in the page: where Dana's clone would be. */
const shownFolder = '/home/dana/access';

function markedBlock(markdown: string, kind: string): string {
  const match = new RegExp('```yaml\\n# file: ' + kind + '\\n([\\s\\S]*?)```').exec(markdown);
  assert.ok(match, `docs/gitops.md has no # file: ${kind} block`);
  return match[1]!;
}

/** comparable blanks what differs between runs: commit hashes, which depend on commit times. */
function comparable(text: string): string {
  return text.replace(/commit `[0-9a-f]{12}`/g, 'commit `<sha>`');
}

test('the walk-through in docs/gitops.md shows what the commands print', async () => {
  const markdown = await readFile(page, 'utf8');
  const template = await templateRepository('Dana');
  const repository = template.folder;
  try {

    const root = path.join(repository, 'portcullis.yaml');
    const rootText = await readFile(root, 'utf8');
    assert.ok(rootText.includes('  automation:\n'));
    await writeFile(root, rootText.replace('  automation:\n', '  data:\n    description: Data analysts.\n  automation:\n'));
    const policy = markedBlock(markdown, 'policy');
    await writeFile(path.join(repository, 'tests', 'data.yaml'), markedBlock(markdown, 'test'));

    const outputs = new Map<string, string>();
    const show = (result: { stdout: string }) => result.stdout.split(repository).join(shownFolder);

    // The first draft: create_issue too.
    const draft = policy.replace('tools: [search_issues, get_issue]', 'tools: [search_issues, get_issue, create_issue]');
    assert.notEqual(draft, policy);
    await writeFile(path.join(repository, 'policies', 'data.yaml'), draft);
    const draftPlan = await runCli(['plan', '--base', 'origin/main'], {}, repository);
    assert.equal(draftPlan.exitCode, 0, draftPlan.stderr);
    outputs.set('plan-draft', show(draftPlan));
    const gate = await runCli(['plan', '--base', 'origin/main', '--fail-on', 'sensitive'], {}, repository);
    assert.equal(gate.exitCode, 1, 'the draft fails the sensitive-grant gate');

    await writeFile(path.join(repository, 'policies', 'data.yaml'), policy);
    const tested = await runCli(['test', '.'], {}, repository);
    assert.equal(tested.exitCode, 0, tested.stdout);
    outputs.set('test', show(tested));
    const plan = await runCli(['plan', '--base', 'origin/main'], {}, repository);
    assert.equal(plan.exitCode, 0, plan.stderr);
    outputs.set('plan', show(plan));
    assert.equal((await runCli(['plan', '--base', 'origin/main', '--fail-on', 'sensitive'], {}, repository)).exitCode, 0, 'the final change passes the gate');

    let updated = markdown;
    for (const [name, output] of outputs) {
      const block = new RegExp('(<!-- output: ' + name + ' -->\\n```text\\n)([\\s\\S]*?)(```)');
      const found = block.exec(updated);
      assert.ok(found, `docs/gitops.md has no <!-- output: ${name} --> block`);
      if (process.env.UPDATE_DOCS === '1') updated = updated.replace(block, (_all, open: string, _old: string, close: string) => open + output + close);
      else assert.equal(comparable(found[2]!), comparable(output), `the ${name} output in docs/gitops.md is out of date (UPDATE_DOCS=1 rewrites it)`);
    }
    if (process.env.UPDATE_DOCS === '1') await writeFile(page, updated);
  } finally {
    await template.remove();
  }
});
