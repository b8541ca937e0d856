/**
 * The subjects an access plan reports on: each declared group (a member of that group and no
 * other), each principal the config names (in a rule's users, as a static group member, as an
 * API key's principal, as the anonymous principal), and any authenticated user (users: ['*']).
 * Subjects are listed from both versions, so one that disappears still shows what it lost.
 */
import type { Principal } from '../auth/principal.ts';
import { hypotheticalPrincipal } from '../policy/hypothetical-request.ts';
import type { Runtime } from '../runtime/runtime.ts';

export type SubjectKind = 'group' | 'user' | 'api-key' | 'anonymous' | 'any-user';

/** Subject is who a plan entry is about, independent of either version. */
export interface Subject {
  readonly kind: SubjectKind;
  /** name is the group name, principal id or API key id ('*' for any authenticated user). */
  readonly name: string;
}

/** subjectKey orders and identifies subjects: groups first, then named principals. */
export function subjectKey(subject: Subject): string {
  const order: Record<SubjectKind, number> = { group: 0, 'any-user': 1, user: 2, 'api-key': 3, anonymous: 4 };
  return `${order[subject.kind]}:${subject.name}`;
}

/** describeSubject names a subject for a reviewer. */
export function describeSubject(subject: Subject): string {
  switch (subject.kind) {
    case 'group':
      return `group ${subject.name}`;
    case 'any-user':
      return 'any authenticated user';
    case 'user':
      return `user ${subject.name}`;
    case 'api-key':
      return `API key ${subject.name}`;
    case 'anonymous':
      return `anonymous access (as ${subject.name})`;
  }
}

/** subjectsOf lists the subjects one version names. */
export function subjectsOf(runtime: Runtime): Subject[] {
  const subjects: Subject[] = [{ kind: 'any-user', name: '*' }];
  for (const name of runtime.groups.keys()) subjects.push({ kind: 'group', name });
  const users = new Set<string>();
  for (const rule of runtime.policy.rules) for (const user of rule.subjects.users) users.add(user);
  for (const group of runtime.groups.values()) for (const member of group.members) users.add(member);
  for (const user of users) subjects.push({ kind: 'user', name: user });
  for (const key of runtime.auth.apiKeys) subjects.push({ kind: 'api-key', name: key.id });
  if (runtime.auth.anonymous) subjects.push({ kind: 'anonymous', name: runtime.auth.anonymous.principal });
  return subjects;
}

/**
 * principalOf is the subject as a principal of one version; undefined when the version does not
 * have it (a group not declared, an API key not configured, anonymous access off). Groups are
 * taken from that version: a user's static memberships, an API key's groups.
 */
export function principalOf(runtime: Runtime, subject: Subject): Principal | undefined {
  switch (subject.kind) {
    case 'group':
      // An id no config names, so no static membership or user rule adds to the group's own access.
      return runtime.groups.has(subject.name) ? hypotheticalPrincipal(runtime, `\u0000member of ${subject.name}`, [subject.name]) : undefined;
    case 'any-user':
      return hypotheticalPrincipal(runtime, '\u0000any authenticated user', []);
    case 'user':
      return hypotheticalPrincipal(runtime, subject.name, []);
    case 'api-key': {
      const key = runtime.auth.apiKeys.find((candidate) => candidate.id === subject.name);
      return key ? { ...hypotheticalPrincipal(runtime, key.principal, key.groups), method: 'api-key', credentialId: key.id } : undefined;
    }
    case 'anonymous': {
      const anonymous = runtime.auth.anonymous;
      if (!anonymous || anonymous.principal !== subject.name) return undefined;
      // Anonymous access is not authenticated: users: ['*'] does not grant to it.
      return { ...hypotheticalPrincipal(runtime, anonymous.principal, anonymous.groups), method: 'anonymous', credentialId: null };
    }
  }
}
