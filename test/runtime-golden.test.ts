// Golden test: the example config compiles to exactly the Runtime recorded in
// test/golden/example-runtime.json. A change to the compiler or the example shows up as a
// reviewable diff of that file. Regenerate deliberately with UPDATE_GOLDEN=1 npm test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../gateway/config/load-config.ts';
import { compile } from '../gateway/runtime/compile.ts';
import { describeRuntime } from '../gateway/runtime/describe-runtime.ts';
import { repoRoot } from './support/run-cli.ts';

for (const [name, folder] of [['example-runtime', 'config'], ['acme-runtime', 'docs/examples/acme']] as const) {
  test(`${folder} compiles to the golden Runtime (${name}.json)`, async (t) => {
    const result = await loadConfig({ explicitPath: path.join(repoRoot, folder) });
    if (folder !== 'config' && result.issues.some((issue) => issue.code === 'PCX_ERR_CONFIG_NOT_FOUND')) {
      t.skip(`${folder} does not exist`);
      return;
    }
    assert.ok(result.config, JSON.stringify(result.issues, null, 2));
    const described = JSON.stringify(describeRuntime(compile(result.config, { environment: {} })), null, 2) + '\n';
    const goldenFile = path.join(repoRoot, 'test', 'golden', `${name}.json`);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(goldenFile, described);
    const golden = await readFile(goldenFile, 'utf8');
    assert.equal(described, golden, `Runtime of ${folder} changed; review and run UPDATE_GOLDEN=1 npm test if intended`);
  });
}
