// Globs, regex safety and did-you-mean suggestions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, isLiteralGlob } from '../gateway/matching/glob.ts';
import { compileNameFilter, compileNameMatcher } from '../gateway/matching/name-matcher.ts';
import { checkRegex } from '../gateway/matching/regex-safety.ts';
import { closestMatch } from '../gateway/config/suggest.ts';

test('globs match tool names and URIs, across / and .', () => {
  const matcher = compileNameMatcher(['get_*', 'repo://acme/*', '{list,search}_issues', 'file?.txt']);
  for (const name of ['get_issue', 'repo://acme/a/b.md', 'list_issues', 'search_issues', 'file1.txt']) assert.ok(matcher.test(name), name);
  for (const name of ['xget_issue', 'repo://other/a', 'create_issues', 'file10.txt']) assert.ok(!matcher.test(name), name);
  assert.ok(!compileNameMatcher(undefined).test('anything'), 'no globs match nothing');
  assert.ok(compileNameMatcher(['*']).test('a/b.c'));
});

test('malformed globs are errors, not literals', () => {
  assert.ok(!compileGlob('get_[ab').ok);
  assert.ok(!compileGlob('a{b').ok);
  assert.ok(compileGlob('a\\[b').ok);
  assert.equal(isLiteralGlob('create_issue'), true);
  assert.equal(isLiteralGlob('create_*'), false);
});

test('a name filter allows everything by default and deny wins', () => {
  const filter = compileNameFilter(undefined, ['delete_*']);
  assert.ok(filter.test('create_issue'));
  assert.ok(!filter.test('delete_repo'));
});

test('regex safety: catastrophic patterns are refused, ordinary ones pass', async () => {
  assert.equal((await checkRegex('^(a+)+$')).kind, 'unsafe');
  assert.equal((await checkRegex('(x|x)*y')).kind, 'unsafe');
  assert.equal((await checkRegex('\\s*#\\s*$')).kind, 'unsafe', 'polynomial');
  assert.equal((await checkRegex('(')).kind, 'invalid');
  for (const safe of ['^acme-[a-z0-9-]{1,90}$', 'ghp_[A-Za-z0-9]{36}', '^[^@]+@example\\.com$', '\\b(?:sk|pk)_(?:live|test)_[0-9a-zA-Z]{24,99}\\b']) {
    assert.equal((await checkRegex(safe)).kind, 'safe', safe);
  }
});

test('did-you-mean finds plausible typos only', () => {
  const keys = ['tools', 'prompts', 'resources', 'transport', 'timeouts'];
  assert.equal(closestMatch('tool', keys), 'tools');
  assert.equal(closestMatch('transprt', keys), 'transport');
  assert.equal(closestMatch('Tools', keys), 'tools');
  assert.equal(closestMatch('stdoi', ['stdio', 'sse', 'streamable-http']), 'stdio');
  assert.equal(closestMatch('banana', keys), undefined);
  assert.equal(closestMatch('x', ['id']), undefined);
});
