/**
 * generateLargeConfig writes a synthetic but realistic config repository: N servers (mixed
 * transports, secret-referenced headers), G groups, and R policy rules spread over one file
 * per team, with globs, subjects and argument constraints, plus a guardrail file.
 * Deterministic: the same sizes give the same files.
 *
 * writePolicyFiles writes only the policy files, for a benchmark that brings its own root file
 * and servers (the authenticated gateway target of bench/mcp).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LargeConfigSize {
  readonly servers: number;
  readonly groups: number;
  readonly rules: number;
}

/**
 * RuleVariety says what the generated rules look like. `group-subjects` is what the validation
 * benchmark has always measured (kept as it was so its figures stay comparable): group
 * subjects, a quarter of them also matched by a claim, globs and pattern/min/max constraints.
 * `mixed-subjects` is the shape the policy benchmarks decide over: user, group, claim-only and
 * everyone subjects, literal tool names beside globs, unconditional and conditional denies,
 * and values, prefix, pattern and min/max constraints.
 */
export type RuleVariety = 'group-subjects' | 'mixed-subjects';

/** PolicyPlan is what writePolicyFiles needs: the names rules may refer to, and how many rules of which variety. */
export interface PolicyPlan {
  /** groups are the declared groups; each gets one policy file of its rules. */
  readonly groups: readonly string[];
  readonly servers: readonly string[];
  readonly rules: number;
  readonly variety: RuleVariety;
}

/** groupNames are the generated groups: team-0, team-1, … */
export function groupNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `team-${i}`);
}

/** serverNames are the generated servers: server-0, server-1, … */
export function serverNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `server-${i}`);
}

/** generatedUsers is how many distinct user-N ids the mixed rules name, so a benchmark can build principals they match. */
export const generatedUsers = 300;

/** generatedDepartments are the values of the `department` claim the mixed rules match on. */
export const generatedDepartments: readonly string[] = ['eng', 'ops', 'sales', 'finance', 'legal'];

/** generatedUnits are the values of the nested `org.unit` claim the mixed rules match on. */
export const generatedUnits: readonly string[] = ['platform', 'data', 'payments', 'support'];

export async function generateLargeConfig(folder: string, size: LargeConfigSize, variety: RuleVariety = 'group-subjects'): Promise<void> {
  await mkdir(path.join(folder, 'servers'), { recursive: true });
  await mkdir(path.join(folder, 'guardrails'), { recursive: true });
  const groups = groupNames(size.groups);
  const servers = serverNames(size.servers);

  const root = [
    'version: 1',
    'gateway:',
    '  publicUrl: https://mcp.example.com/mcp',
    'auth:',
    '  oidc:',
    '    - issuer: https://idp.example.com',
    '      groupClaims: [groups]',
    '      attributeClaims: { team: team }',
    '  apiKeys:',
    ...groups.slice(0, 20).flatMap((group, i) => [`    - id: key-${i}`, `      hash: aws:prod/portcullis/api-keys#key-${i}`, `      principal: svc-${i}`, `      groups: [${group}]`]),
    'groups:',
    ...groups.map((group) => `  ${group}: { description: "Team ${group}" }`),
    'secrets:',
    '  aws: { region: eu-west-1 }',
  ];
  await writeFile(path.join(folder, 'portcullis.yaml'), root.join('\n') + '\n');

  await Promise.all(servers.map((id, i) => {
    const transport = i % 3 === 0
      ? ['  type: stdio', '  command: node', `  args: [servers/${id}.js]`, '  env:', `    API_TOKEN: "\${aws:prod/mcp/${id}#token}"`]
      : [`  type: ${i % 3 === 1 ? 'streamable-http' : 'sse'}`, `  url: https://${id}.internal.example.com/mcp`, '  headers:', `    Authorization: "Bearer \${aws:prod/mcp/${id}#token}"`];
    const lines = [`id: ${id}`, `description: Synthetic server ${i}`, 'transport:', ...transport, 'tools:', '  allow: ["*"]', '  deny: ["admin_*", "debug_*"]'];
    return writeFile(path.join(folder, 'servers', `${id}.yaml`), lines.join('\n') + '\n');
  }));

  await writePolicyFiles(folder, { groups, servers, rules: size.rules, variety });

  const guardrails = ['guardrails:', '  - id: secrets-in', '    phase: request', '    detector: { type: secrets }', '    action: block', '  - id: pii-out', '    phase: response', '    detector: { type: pii }', '    action: redact'];
  await writeFile(path.join(folder, 'guardrails', 'baseline.yaml'), guardrails.join('\n') + '\n');
}

const patterns = ['^acme-[a-z0-9-]{1,60}$', '^[A-Z]{2,10}-[0-9]{1,6}$', '^[a-z0-9_.-]{1,100}$', '^https://[a-z0-9.-]+\\.example\\.com/'];

/** yamlPattern writes a regex source as a double-quoted YAML string. */
function yamlPattern(n: number): string {
  return `"${patterns[n % patterns.length]!.replace(/\\/g, '\\\\')}"`;
}

/** writePolicyFiles writes `policies/<group>.yaml` for every group, the plan's rules spread evenly over them. */
export async function writePolicyFiles(folder: string, plan: PolicyPlan): Promise<void> {
  await mkdir(path.join(folder, 'policies'), { recursive: true });
  const { groups, servers } = plan;
  const rulesPerFile = Math.ceil(plan.rules / groups.length);
  const ruleLines = plan.variety === 'group-subjects' ? groupSubjectRule : mixedSubjectRule;
  await Promise.all(groups.map((group, g) => {
    const lines = [`description: Access for ${group}`, 'rules:'];
    for (let r = 0; r < rulesPerFile && g * rulesPerFile + r < plan.rules; r++) {
      lines.push(`  - id: ${group}-rule-${r}`, ...ruleLines(g * rulesPerFile + r, g, plan));
    }
    return writeFile(path.join(folder, 'policies', `${group}.yaml`), lines.join('\n') + '\n');
  }));
}

/** groupSubjectRule is rule n (owned by group g) of the `group-subjects` variety, without its id line. */
function groupSubjectRule(n: number, g: number, { groups, servers }: PolicyPlan): string[] {
  const server = servers[(n * 7) % servers.length]!;
  const deny = n % 5 === 0;
  const lines = [
    `    effect: ${deny ? 'deny' : 'allow'}`,
    `    subjects: { groups: [${groups[g]}]${n % 4 === 0 ? ', claims: { department: [eng, ops] }' : ''} }`,
    `    servers: [${server}${n % 3 === 0 ? `, ${servers[(n * 7 + 1) % servers.length]}` : ''}]`,
    `    tools: ["${deny ? 'delete_*' : n % 2 ? 'get_*' : 'list_*'}", "search_${n % 10}"]`,
  ];
  if (n % 4 === 1) {
    lines.push('    arguments:', `      repo: { pattern: ${yamlPattern(n)} }`, `      limit: { min: 1, max: ${10 + (n % 90)}, optional: true }`);
  }
  return lines;
}

/**
 * mixedSubjectRule is rule n (owned by group g) of the `mixed-subjects` variety, without its id
 * line. Out of every 20 rules: 2 name users, 2 only a claim (one of them a dotted path), 1 a
 * group or a claim, the rest one or two groups; 2 are unconditional denies and 2 denies
 * conditional on arguments. The first rule denies `admin_*` everywhere to every authenticated
 * principal. No rule names a tool called `echo`, so a benchmark can grant it on its own terms.
 */
function mixedSubjectRule(n: number, g: number, { groups, servers }: PolicyPlan): string[] {
  if (n === 0) return ['    effect: deny', '    subjects: { users: ["*"] }', '    servers: ["*"]', '    tools: ["admin_*"]'];
  const group = groups[g]!;
  const department = (k: number): string => generatedDepartments[k % generatedDepartments.length]!;
  const kind = n % 20;
  const subjects =
    kind === 3 || kind === 10 ? `{ users: [user-${(n * 7) % generatedUsers}, user-${(n * 11 + 5) % generatedUsers}] }`
    : kind === 7 ? `{ claims: { department: [${department(n)}] } }`
    : kind === 15 ? `{ claims: { org.unit: [${generatedUnits[n % generatedUnits.length]}] } }`
    : kind === 17 ? `{ groups: [${group}], claims: { department: [${department(n)}, ${department(n + 1)}] } }`
    : n % 3 === 0 ? `{ groups: [${group}, ${groups[(g + 1) % groups.length]}] }`
    : `{ groups: [${group}] }`;
  const serverList = `[${servers[(n * 7) % servers.length]}${n % 3 === 0 ? `, ${servers[(n * 7 + 1) % servers.length]}` : ''}]`;
  const lines = [`    subjects: ${subjects}`, `    servers: ${serverList}`];
  if (n % 10 === 0) return ['    effect: deny', ...lines, `    tools: ["delete_*", "search_${(n / 10) % 10}", drop_table]`];
  if (n % 10 === 5) {
    return ['    effect: deny', ...lines, '    tools: [run_query, "purge_*"]', '    arguments:', '      mode: { values: [write, admin] }'];
  }
  lines.unshift('    effect: allow');
  if (n % 2 === 1) {
    lines.push(`    tools: ["get_*", "search_${n % 10}"]`);
    if (n % 4 === 1) lines.push('    arguments:', `      repo: { pattern: ${yamlPattern(n)} }`, `      limit: { min: 1, max: ${10 + (n % 90)}, optional: true }`);
  } else {
    lines.push('    tools: ["list_*", create_issue, run_query]');
    if (n % 4 === 2) lines.push('    arguments:', '      repo: { prefix: "acme/" }', '      label: { values: [bug, question, docs] }', `      limit: { max: ${20 + (n % 80)}, optional: true }`);
  }
  return lines;
}
