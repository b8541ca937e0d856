/**
 * AccessPolicy is the authorization engine for one compiled policy: who may call, get or read
 * what. It is built once per PolicyRuntime (argument checks and JSON Schemas compiled, subjects
 * indexed) and hands out one AccessProfile per distinct set of matching rules, so a steady
 * stream of requests neither scans rules nor runs globs.
 *
 * Decisions read only the policy, the principal, names and call arguments. Nothing an upstream
 * says about its tools (annotations such as readOnlyHint, descriptions) is an input: those are
 * untrusted and must never widen access.
 */
import type { Principal } from '../auth/principal.ts';
import type { PolicyRuntime, Runtime } from '../runtime/runtime.ts';
import { AccessProfile } from './access-profile.ts';
import { compileRules, type CompiledRule } from './compiled-rule.ts';
import { SubjectIndex } from './subject-index.ts';

// Callers meet profiles only through AccessPolicy, so the type is reachable from here.
export type { AccessProfile };

// Matched rule sets are few in practice, but tokens choose their groups; bound the cache anyway.
const profileLimit = 10_000;

const policies = new WeakMap<PolicyRuntime, AccessPolicy>();

export class AccessPolicy {
  /**
   * for returns the AccessPolicy of a Runtime's policy, building it on first use. The reloader
   * calls it when a config is loaded, so a build error surfaces there rather than on a request.
   */
  static for(runtime: Pick<Runtime, 'policy'>): AccessPolicy {
    let policy = policies.get(runtime.policy);
    if (!policy) policies.set(runtime.policy, (policy = new AccessPolicy(runtime.policy)));
    return policy;
  }

  /** rules are the compiled rules, in the order of PolicyRuntime.rules. */
  readonly rules: readonly CompiledRule[];
  private readonly subjects: SubjectIndex;
  private readonly knownServers: ReadonlySet<string>;
  private readonly byPrincipal = new WeakMap<Principal, AccessProfile>();
  private readonly byKey = new Map<string, AccessProfile>();

  /** The constructor compiles the policy; it throws when an argument schema does not compile. */
  constructor(policy: PolicyRuntime) {
    this.rules = compileRules(policy);
    this.subjects = new SubjectIndex(policy.rules);
    this.knownServers = new Set(policy.rulesByServer.keys());
  }

  /** profile returns the access profile of a principal: the same object for every principal that matches the same rules. */
  profile(principal: Principal): AccessProfile {
    const cached = this.byPrincipal.get(principal);
    if (cached) return cached;
    const indices = this.subjects.matchingRules(principal);
    const key = indices.join(',');
    let profile = this.byKey.get(key);
    if (!profile) {
      profile = new AccessProfile(indices.map((index) => this.rules[index]!), this.knownServers);
      if (this.byKey.size >= profileLimit) this.byKey.clear();
      this.byKey.set(key, profile);
    }
    this.byPrincipal.set(principal, profile);
    return profile;
  }
}
