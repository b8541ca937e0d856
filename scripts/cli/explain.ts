/**
 * `portcullis explain`: would this principal be allowed this tool call, prompt or resource, and
 * which rule decides? It loads the config as `validate` does and asks the same AccessPolicy the
 * gateway asks. Exit 0 when allowed, 1 when denied (so CI can assert access), 2 on a usage or
 * config error.
 */
import { parseArgs } from 'node:util';
import type { Principal } from '../../gateway/auth/principal.ts';
import { renderHuman } from '../../gateway/config/report.ts';
import { AccessPolicy } from '../../gateway/policy/access-policy.ts';
import type { Decision } from '../../gateway/policy/decision.ts';
import { exposedBy, hypotheticalPrincipal, resolveTarget, undeclaredGroups, UnresolvedTarget, type NamedTarget } from '../../gateway/policy/hypothetical-request.ts';
import { loadRuntime } from '../../gateway/reload/reloader.ts';

const help = `usage: portcullis explain --principal ID [--groups A,B] [--claims JSON]
                          (--tool NAME | --prompt NAME | --resource URI)
                          [--server ID] [--args JSON] [--config PATH] [--json]

Says whether the principal may use the tool, prompt or resource, and which rule decides.
  --principal ID   principal id (token subject or API key principal)
  --groups A,B     the principal's groups; static members from the config are added
  --claims JSON    token claims, for rules with claim subjects, e.g. '{"org":{"tier":"gold"}}'
  --tool NAME      a tool as clients see it (notes__write_note), or its own name with --server
  --prompt NAME    a prompt, named like a tool
  --resource URI   a resource URI (or a URI template)
  --server ID      the server, when NAME is the server's own name or the URI is ambiguous
  --args JSON      the tool call's arguments, e.g. '{"notebook":"eng-web"}'
  --config PATH    root file or folder (default: PORTCULLIS_CONFIG, else the current folder)
  --json           print the decision and its inputs as JSON
Exit 0 when allowed, 1 when denied, 2 on a usage or config error.
`;

/** UsageError is a mistake in the command line; withHelp says whether the usage text would help. */
class UsageError extends Error {
  constructor(message: string, readonly withHelp = true) {
    super(message);
  }
}

/** runExplain runs the explain subcommand and returns its exit code. */
export async function runExplain(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await explain(argv, environment);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`portcullis explain: ${error.message}\n${error.withHelp ? `\n${help}` : ''}`);
    return 2;
  }
}

async function explain(argv: readonly string[], environment: NodeJS.ProcessEnv): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        principal: { type: 'string' },
        groups: { type: 'string' },
        claims: { type: 'string' },
        tool: { type: 'string' },
        prompt: { type: 'string' },
        resource: { type: 'string' },
        server: { type: 'string' },
        args: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.principal === undefined || values.principal === '') throw new UsageError('--principal is required');
  const asked = (['tool', 'prompt', 'resource'] as const).filter((kind) => values[kind] !== undefined);
  if (asked.length !== 1) throw new UsageError('give exactly one of --tool, --prompt or --resource');
  const kind = asked[0]!;
  if (values.args !== undefined && kind !== 'tool') throw new UsageError('--args applies to --tool only');
  const claims = parseObject('--claims', values.claims);
  const args = parseObject('--args', values.args);

  const loaded = await loadRuntime(values.config, environment);
  if (!loaded.runtime) {
    process.stderr.write(renderHuman({ folder: undefined, issues: loaded.issues }));
    process.stderr.write('portcullis explain: the config is invalid (run portcullis validate for the same report)\n');
    return 2;
  }
  const runtime = loaded.runtime;
  let target: NamedTarget;
  try {
    target = resolveTarget(runtime, kind, values[kind]!, values.server, 'pass --server ID');
  } catch (error) {
    if (error instanceof UnresolvedTarget) throw new UsageError(error.message, false);
    throw error;
  }
  const named = (values.groups ?? '').split(',').map((group) => group.trim()).filter((group) => group !== '');
  for (const group of undeclaredGroups(runtime, named)) process.stderr.write(`portcullis explain: warning: group \`${group}\` is not declared under groups, so no rule names it\n`);
  const principal = hypotheticalPrincipal(runtime, values.principal, named, claims);

  const profile = AccessPolicy.for(runtime).profile(principal);
  const decision =
    kind === 'tool' ? profile.decideTool(target.serverId, target.name, args) : kind === 'prompt' ? profile.decidePrompt(target.serverId, target.name) : profile.decideResource(target.serverId, target.name);
  // The server's own allow/deny lists decide whether the gateway exposes the name at all.
  const exposed = exposedBy(runtime, target);
  const allowed = exposed && decision.effect === 'allow';

  if (values.json) {
    const output = {
      allowed,
      decision,
      exposed,
      principal: { id: principal.id, groups: principal.groups, claims: principal.claims },
      target: { kind, server: target.serverId, name: target.name },
      ...(args === undefined ? {} : { arguments: args }),
      configVersion: runtime.version,
    };
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  } else {
    process.stdout.write(renderHumanDecision(target, principal, decision, exposed, allowed));
  }
  return allowed ? 0 : 1;
}

function parseObject(flag: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

function renderHumanDecision(target: NamedTarget, principal: Principal, decision: Decision, exposed: boolean, allowed: boolean): string {
  const what =
    target.kind === 'tool' ? `${target.serverId}/${target.name}` : target.kind === 'prompt' ? `prompt ${target.serverId}/${target.name}` : `resource ${target.name} on ${target.serverId}`;
  const lines = [`${allowed ? 'allow' : 'deny '}  ${what} for ${principal.id} (groups: ${principal.groups.join(', ') || 'none'})`];
  const rule = `rule ${decision.ruleId} (${decision.file})`;
  switch (decision.reason) {
    case 'granted':
      lines.push(`  ${rule}`);
      break;
    case 'denied-by-rule':
      lines.push(`  denied by ${rule}`);
      break;
    case 'argument-constraint':
      lines.push(`  ${rule} grants it, but not with these arguments`);
      break;
    case 'no-grant':
      lines.push('  no rule grants it (default deny)');
      break;
  }
  if (decision.detail !== undefined) lines.push(`  ${decision.detail}`);
  if (!exposed) lines.push(`  the ${target.kind}s filter of server ${target.serverId} hides it, so the gateway never exposes it`);
  return lines.join('\n') + '\n';
}
