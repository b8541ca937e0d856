/**
 * SubjectIndex finds the rules whose subjects match a principal without scanning every rule:
 * rules are indexed by user id, by group, and by the value of their first claim condition;
 * rules for everyone are kept in one list. A principal's claims are read once per distinct
 * indexed claim path (a handful), and only the rules whose first condition already holds
 * have their other conditions checked.
 */
import { claimStrings, type Principal } from '../auth/principal.ts';
import type { PolicyRuleRuntime } from '../runtime/runtime.ts';

/** ClaimCondition is one claim condition of a rule, its path split once at build time. */
interface ClaimCondition {
  readonly segments: readonly string[];
  readonly values: ReadonlySet<string>;
}

interface ClaimRule {
  readonly index: number;
  /** rest are the conditions after the indexed first one; all must hold too. */
  readonly rest: readonly ClaimCondition[];
}

interface ClaimPath {
  readonly segments: readonly string[];
  /** byValue maps a claim value to the rules whose first condition accepts it. */
  readonly byValue: Map<string, ClaimRule[]>;
}

export class SubjectIndex {
  private readonly byUser = new Map<string, number[]>();
  private readonly byGroup = new Map<string, number[]>();
  private readonly everyone: { readonly index: number; readonly effect: 'allow' | 'deny' }[] = [];
  private readonly claimPaths = new Map<string, ClaimPath>();

  constructor(rules: readonly PolicyRuleRuntime[]) {
    for (const [index, rule] of rules.entries()) {
      const { anyUser, users, groups, claims } = rule.subjects;
      if (anyUser) this.everyone.push({ index, effect: rule.effect });
      for (const user of users) append(this.byUser, user, index);
      for (const group of groups) append(this.byGroup, group, index);
      if (claims.length > 0) this.indexClaims(index, claims);
    }
  }

  /** matchingRules returns the indices of the rules whose subjects match the principal, ascending and distinct. */
  matchingRules(principal: Principal): number[] {
    const matched = new Set<number>(this.byUser.get(principal.id));
    for (const group of principal.groups) {
      for (const index of this.byGroup.get(group) ?? []) matched.add(index);
    }
    for (const { index, effect } of this.everyone) {
      // users: ['*'] means every authenticated principal, and anonymous access authenticates
      // no one: it grants an anonymous principal nothing, but a deny for everyone still binds it.
      if (principal.method !== 'anonymous' || effect === 'deny') matched.add(index);
    }
    if (this.claimPaths.size > 0 && principal.method === 'jwt') this.addClaimMatches(principal, matched);
    return [...matched].sort((a, b) => a - b);
  }

  // Only verified tokens carry claims; API keys and anonymous access skip this entirely.
  private addClaimMatches(principal: Principal, matched: Set<number>): void {
    for (const { segments, byValue } of this.claimPaths.values()) {
      for (const value of claimStrings(principal.claims, segments)) {
        for (const { index, rest } of byValue.get(value) ?? []) {
          if (matched.has(index)) continue;
          if (rest.every((condition) => claimStrings(principal.claims, condition.segments).some((each) => condition.values.has(each)))) matched.add(index);
        }
      }
    }
  }

  private indexClaims(index: number, claims: PolicyRuleRuntime['subjects']['claims']): void {
    const [first, ...others] = claims.map(({ path, values }) => ({ path, segments: path.split('.'), values }));
    let claimPath = this.claimPaths.get(first!.path);
    if (!claimPath) this.claimPaths.set(first!.path, (claimPath = { segments: first!.segments, byValue: new Map() }));
    const rule: ClaimRule = { index, rest: others };
    for (const value of first!.values) {
      const list = claimPath.byValue.get(value);
      if (list) list.push(rule);
      else claimPath.byValue.set(value, [rule]);
    }
  }
}

function append(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}
