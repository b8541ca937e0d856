/**
 * SubjectIndex finds the rules whose subjects match a principal without scanning every rule:
 * rules are indexed by user id and by group, rules for everyone are kept in one list, and only
 * the (few) rules with claim conditions are tested one by one.
 */
import { claimStrings, type Principal } from '../auth/principal.ts';
import type { PolicyRuleRuntime } from '../runtime/runtime.ts';

export class SubjectIndex {
  private readonly byUser = new Map<string, number[]>();
  private readonly byGroup = new Map<string, number[]>();
  private readonly everyone: { readonly index: number; readonly effect: 'allow' | 'deny' }[] = [];
  private readonly claimRules: { readonly index: number; readonly claims: PolicyRuleRuntime['subjects']['claims'] }[] = [];

  constructor(rules: readonly PolicyRuleRuntime[]) {
    for (const [index, rule] of rules.entries()) {
      const { anyUser, users, groups, claims } = rule.subjects;
      if (anyUser) this.everyone.push({ index, effect: rule.effect });
      for (const user of users) append(this.byUser, user, index);
      for (const group of groups) append(this.byGroup, group, index);
      if (claims.length > 0) this.claimRules.push({ index, claims });
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
    for (const { index, claims } of this.claimRules) {
      if (matched.has(index)) continue;
      const all = claims.every(({ path, values }) => claimStrings(principal.claims, path).some((value) => values.has(value)));
      if (all) matched.add(index);
    }
    return [...matched].sort((a, b) => a - b);
  }
}

function append(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}
