/**
 * generateLargeConfig writes a synthetic but realistic config repository: N servers (mixed
 * transports, secret-referenced headers), G groups, and R policy rules spread over one file
 * per team, with globs, subjects and argument constraints, plus a guardrail file.
 * Deterministic: the same sizes give the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LargeConfigSize {
  readonly servers: number;
  readonly groups: number;
  readonly rules: number;
}

export async function generateLargeConfig(folder: string, size: LargeConfigSize): Promise<void> {
  await mkdir(path.join(folder, 'servers'), { recursive: true });
  await mkdir(path.join(folder, 'policies'), { recursive: true });
  await mkdir(path.join(folder, 'guardrails'), { recursive: true });
  const groups = Array.from({ length: size.groups }, (_, i) => `team-${i}`);
  const servers = Array.from({ length: size.servers }, (_, i) => `server-${i}`);

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

  const patterns = ['^acme-[a-z0-9-]{1,60}$', '^[A-Z]{2,10}-[0-9]{1,6}$', '^[a-z0-9_.-]{1,100}$', '^https://[a-z0-9.-]+\\.example\\.com/'];
  const rulesPerFile = Math.ceil(size.rules / size.groups);
  for (const [g, group] of groups.entries()) {
    const lines = [`description: Access for ${group}`, 'rules:'];
    for (let r = 0; r < rulesPerFile && g * rulesPerFile + r < size.rules; r++) {
      const n = g * rulesPerFile + r;
      const server = servers[(n * 7) % servers.length]!;
      const deny = n % 5 === 0;
      lines.push(
        `  - id: ${group}-rule-${r}`,
        `    effect: ${deny ? 'deny' : 'allow'}`,
        `    subjects: { groups: [${group}]${n % 4 === 0 ? ', claims: { department: [eng, ops] }' : ''} }`,
        `    servers: [${server}${n % 3 === 0 ? `, ${servers[(n * 7 + 1) % servers.length]}` : ''}]`,
        `    tools: ["${deny ? 'delete_*' : n % 2 ? 'get_*' : 'list_*'}", "search_${n % 10}"]`,
      );
      if (n % 4 === 1) {
        lines.push('    arguments:', `      repo: { pattern: "${patterns[n % patterns.length]!.replace(/\\/g, '\\\\')}" }`, `      limit: { min: 1, max: ${10 + (n % 90)}, optional: true }`);
      }
    }
    await writeFile(path.join(folder, 'policies', `${group}.yaml`), lines.join('\n') + '\n');
  }

  const guardrails = ['guardrails:', '  - id: secrets-in', '    phase: request', '    detector: { type: secrets }', '    action: block', '  - id: pii-out', '    phase: response', '    detector: { type: pii }', '    action: redact'];
  await writeFile(path.join(folder, 'guardrails', 'baseline.yaml'), guardrails.join('\n') + '\n');
}
