/**
 * runPolicyTests runs every case of a config repository's policy tests (tests/*.yaml) against
 * the config compiled from the same repository, and reports each case's result. A case that
 * fails, or cannot run as written, is also a located ConfigIssue, so `portcullis validate`
 * fails on it and GitHub annotates the case's line like any other config error.
 */
import type { ConfigIssue } from '../config/issues.ts';
import type { PathSegment } from '../config/source-file.ts';
import type { PolicyTestCase, PolicyTestExpectation, PolicyTestFile } from '../config/schema-types.generated.ts';
import type { Located, ValidatedConfig } from '../config/validated-config.ts';
import { GuardrailSet } from '../guardrails/guardrail-set.ts';
import { AccessPolicy } from '../policy/access-policy.ts';
import { hypotheticalPrincipal, resolveTarget, undeclaredGroups, UnresolvedTarget, type TargetKind } from '../policy/hypothetical-request.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { decideCase, type CaseOutcome, type CaseOutcomeKind } from './decide-case.ts';

/** Expected is a case's expectation, whichever way it was written. */
export interface Expected {
  readonly outcome: CaseOutcomeKind;
  readonly rule: string | undefined;
}

/** CaseResult is one case run: passed, failed (with what happened instead), or invalid (with why it could not run). */
export interface CaseResult {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly expected: Expected;
  readonly status: 'passed' | 'failed' | 'invalid';
  /** actual is what the gateway would do; undefined for an invalid case. */
  readonly actual: CaseOutcome | undefined;
  /** problem says what is wrong, and suggestion what to do about it, for failed and invalid cases. */
  readonly problem: string | undefined;
  readonly suggestion: string | undefined;
}

export interface PolicyTestReport {
  readonly results: readonly CaseResult[];
  /** issues are the failed and invalid cases as located config issues. */
  readonly issues: readonly ConfigIssue[];
}

function expectationOf(expect: PolicyTestExpectation): Expected {
  return typeof expect === 'string' ? { outcome: expect, rule: undefined } : { outcome: expect.outcome, rule: expect.rule };
}

/** describeOutcome is "allow by rule engineering-notes (policies/engineering.yaml)" and the like. */
export function describeOutcome(outcome: CaseOutcome): string {
  const by = outcome.rule === undefined ? '' : outcome.rule === 'default' ? ' by default (no rule grants it)' : ` by ${outcome.outcome === 'block' || outcome.outcome === 'redact' ? 'guardrail' : 'rule'} ${outcome.rule}`;
  const file = outcome.file === undefined ? '' : ` (${outcome.file})`;
  const detail = outcome.detail === undefined ? '' : `: ${outcome.detail}`;
  return `${outcome.outcome}${by}${file}${detail}`;
}

function describeExpected(expected: Expected): string {
  return expected.rule === undefined ? expected.outcome : `${expected.outcome} by ${expected.rule}`;
}

function meets(actual: CaseOutcome, expected: Expected): boolean {
  return actual.outcome === expected.outcome && (expected.rule === undefined || expected.rule === actual.rule);
}

/** Prepared is a case ready to run (its target and principal resolved), or why it cannot run. */
type Prepared = { readonly kind: 'ready'; readonly run: () => CaseOutcome } | { readonly kind: 'invalid'; readonly path: PathSegment[]; readonly problem: string; readonly suggestion: string };

function targetKinds(testCase: PolicyTestCase): TargetKind[] {
  return (['tool', 'prompt', 'resource'] as const).filter((kind) => testCase[kind] !== undefined);
}

function prepare(runtime: Runtime, policy: AccessPolicy, guardrails: GuardrailSet, testCase: PolicyTestCase, at: PathSegment[]): Prepared {
  const kinds = targetKinds(testCase);
  if (kinds.length !== 1) {
    return {
      kind: 'invalid',
      path: at,
      problem: kinds.length === 0 ? 'the case names no tool, prompt or resource' : `the case names ${kinds.join(' and ')}; a case asks for one thing`,
      suggestion: 'give exactly one of tool, prompt or resource',
    };
  }
  const kind = kinds[0]!;
  if (testCase.arguments !== undefined && kind === 'resource') {
    return { kind: 'invalid', path: [...at, 'arguments'], problem: 'a resource read has no arguments', suggestion: 'remove arguments, or test a tool or prompt' };
  }
  const groups = testCase.principal.groups ?? [];
  const undeclared = undeclaredGroups(runtime, groups);
  if (undeclared.length > 0) {
    return {
      kind: 'invalid',
      path: [...at, 'principal', 'groups', groups.indexOf(undeclared[0]!)],
      problem: `group \`${undeclared[0]}\` is not declared under groups in the root file, so no rule can name it`,
      suggestion: `declared groups: ${[...runtime.groups.keys()].join(', ') || 'none'}`,
    };
  }
  let target;
  try {
    target = resolveTarget(runtime, kind, testCase[kind]!, testCase.server, 'add `server: ID` to the case');
  } catch (error) {
    if (!(error instanceof UnresolvedTarget)) throw error;
    return { kind: 'invalid', path: [...at, testCase.server !== undefined && !runtime.servers.has(testCase.server) ? 'server' : kind], problem: error.message, suggestion: kind === 'resource' ? 'add `server: ID` to the case' : 'name it as clients of the gateway see it, or give `server: ID` and its own name' };
  }
  const principal = hypotheticalPrincipal(runtime, testCase.principal.id, groups, (testCase.principal.claims ?? {}) as Record<string, unknown>);
  const inputs = {
    runtime,
    policy,
    guardrails,
    principal,
    target,
    arguments: testCase.arguments as Record<string, unknown> | undefined,
    result: testCase.result as string | Record<string, unknown> | undefined,
  };
  return { kind: 'ready', run: () => decideCase(inputs) };
}

function suggestionFor(actual: CaseOutcome, expected: Expected): string {
  const written = actual.rule === undefined || actual.rule === 'default' ? actual.outcome : `{ outcome: ${actual.outcome}, rule: ${actual.rule} }`;
  const culprit = actual.rule !== undefined && actual.rule !== 'default' ? `fix ${actual.outcome === 'block' || actual.outcome === 'redact' ? 'guardrail' : 'rule'} ${actual.rule}${actual.file ? ` in ${actual.file}` : ''}` : 'add or fix the rule that should decide it';
  return expected.outcome === actual.outcome ? `the outcome is right but another rule decides it: ${culprit}, or expect rule ${actual.rule}` : `if the change is intended, expect ${written}; otherwise ${culprit}`;
}

function runFile(runtime: Runtime, policy: AccessPolicy, guardrails: GuardrailSet, file: Located<PolicyTestFile>, results: CaseResult[], issues: ConfigIssue[]): void {
  for (const [index, testCase] of file.value.cases.entries()) {
    const at: PathSegment[] = ['cases', index];
    const expected = expectationOf(testCase.expect);
    const line = file.source.locate(at).line;
    const base = { file: file.source.relativePath, line, name: testCase.name, expected };
    const prepared = prepare(runtime, policy, guardrails, testCase, at);
    if (prepared.kind === 'invalid') {
      results.push({ ...base, status: 'invalid', actual: undefined, problem: prepared.problem, suggestion: prepared.suggestion });
      issues.push(file.source.issue('PCX_ERR_POLICY_TEST_INVALID', prepared.path, { message: `case "${testCase.name}": ${prepared.problem}`, suggestion: prepared.suggestion }));
      continue;
    }
    const actual = prepared.run();
    if (meets(actual, expected)) {
      results.push({ ...base, status: 'passed', actual, problem: undefined, suggestion: undefined });
      continue;
    }
    const problem = `expected ${describeExpected(expected)}, got ${describeOutcome(actual)}`;
    const suggestion = suggestionFor(actual, expected);
    results.push({ ...base, status: 'failed', actual, problem, suggestion });
    issues.push(file.source.issue('PCX_ERR_POLICY_TEST_FAILED', [...at, 'expect'], { message: `case "${testCase.name}": ${problem}`, suggestion }));
  }
}

/** runPolicyTests runs every case of `config.testFiles` against `runtime`, compiled from the same config. */
export function runPolicyTests(config: Pick<ValidatedConfig, 'testFiles'>, runtime: Runtime): PolicyTestReport {
  const policy = AccessPolicy.for(runtime);
  const guardrails = GuardrailSet.for(runtime);
  const results: CaseResult[] = [];
  const issues: ConfigIssue[] = [];
  for (const file of config.testFiles) runFile(runtime, policy, guardrails, file, results, issues);
  return { results, issues };
}
