/**
 * AccessProfile is what one set of matched rules allows: every principal whose subjects match
 * the same rules shares one profile, and with it the memoized per-name rule splits and
 * narrowed schemas. The glob matchers run once per (server, name); after that a decision is
 * Map lookups plus the argument checks of conditional rules.
 */
import { firstUnmet } from './argument-constraints.ts';
import { BoundedMemo } from './bounded-memo.ts';
import type { CompiledRule } from './compiled-rule.ts';
import { defaultDeny, refusedArguments, type Decision } from './decision.ts';
import { narrowInputSchema } from './schema-narrowing.ts';

// Bounds each per-server memo: resource URIs, and names clients make up, are unbounded.
const memoLimit = 10_000;

/** ToolRules are the rules of a profile that cover one tool of one server, split by how they decide. */
interface ToolRules {
  /** unconditionalDeny is the first deny rule without argument conditions, or null. */
  readonly unconditionalDeny: CompiledRule | null;
  readonly conditionalDenies: readonly CompiledRule[];
  /** unconditionalAllow is the first allow rule without argument conditions, or null. */
  readonly unconditionalAllow: CompiledRule | null;
  readonly conditionalAllows: readonly CompiledRule[];
}

const noToolRules: ToolRules = Object.freeze({ unconditionalDeny: null, conditionalDenies: [], unconditionalAllow: null, conditionalAllows: [] });

/** ServerRules are a profile's rules that cover one server, with the memos of their per-name results. */
class ServerRules {
  readonly tools = new BoundedMemo<ToolRules>(memoLimit);
  readonly prompts = new BoundedMemo<Decision>(memoLimit);
  readonly resources = new BoundedMemo<Decision>(memoLimit);

  constructor(readonly rules: readonly CompiledRule[]) {}
}

const noServerRules = new ServerRules([]);

/** ToolAccess is what a profile may do with one tool (see AccessProfile.toolAccess). */
export interface ToolAccess {
  readonly level: 'none' | 'conditional' | 'full';
  /** rules are the ids of the rules behind the level: the granting and limiting rules, or the deny that removes it. */
  readonly rules: readonly string[];
}

export class AccessProfile {
  private readonly servers = new Map<string, ServerRules>();
  // Keyed by the upstream's schema object, so a refreshed catalog drops the old entries.
  private readonly narrowed = new WeakMap<object, Map<string, unknown>>();

  /**
   * key identifies the matched rule set (their sorted indices) within one AccessPolicy: equal
   * keys, equal access. Callers caching per-principal views key them by this and the config version.
   */
  readonly key: string;

  constructor(
    /** rules are the rules whose subjects match, in rule order. */
    readonly rules: readonly CompiledRule[],
    private readonly knownServers: ReadonlySet<string>,
  ) {
    this.key = rules.map((rule) => rule.index).join(',');
  }

  /** decideTool decides a tools/call of the server's own tool name with the given arguments. */
  decideTool(serverId: string, toolName: string, args: Readonly<Record<string, unknown>> | undefined): Decision {
    const rules = this.toolRules(serverId, toolName);
    if (rules.unconditionalDeny) return rules.unconditionalDeny.decision;
    for (const deny of rules.conditionalDenies) {
      if (firstUnmet(deny.checks, args) === null) return deny.decisionWhenArgumentsMet;
    }
    if (rules.unconditionalAllow) return rules.unconditionalAllow.decision;
    let refusal: Decision | null = null;
    for (const allow of rules.conditionalAllows) {
      const failure = firstUnmet(allow.checks, args);
      if (failure === null) return allow.decision;
      refusal ??= refusedArguments(allow.rule, failure);
    }
    return refusal ?? defaultDeny;
  }

  /** decidePrompt decides a prompts/get of the server's own prompt name; argument constraints are about tools and play no part. */
  decidePrompt(serverId: string, promptName: string): Decision {
    const server = this.server(serverId);
    return server.rules.length === 0 ? defaultDeny : server.prompts.get(promptName, (name) => decideByName(server.rules, (rule) => rule.rule.prompts.test(name)));
  }

  /** decideResource decides a resource URI (or, for listing templates, a URI template) against the rules' resource globs. */
  decideResource(serverId: string, uri: string): Decision {
    const server = this.server(serverId);
    return server.rules.length === 0 ? defaultDeny : server.resources.get(uri, (name) => decideByName(server.rules, (rule) => rule.rule.resources.test(name)));
  }

  /**
   * canSeeTool tells whether tools/list shows the tool: some allow rule could grant a call and
   * no deny rule refuses every call. A tool visible here may still refuse particular arguments.
   */
  canSeeTool(serverId: string, toolName: string): boolean {
    const rules = this.toolRules(serverId, toolName);
    return rules.unconditionalDeny === null && (rules.unconditionalAllow !== null || rules.conditionalAllows.length > 0);
  }

  /**
   * toolAccess sums up what a profile may do with one tool, for an access plan: `none` (not
   * listed), `full` (every call), or `conditional` (listed, but argument constraints decide
   * some calls), with the ids of the rules that grant or limit it.
   */
  toolAccess(serverId: string, toolName: string): ToolAccess {
    const rules = this.toolRules(serverId, toolName);
    if (!this.canSeeTool(serverId, toolName)) return { level: 'none', rules: rules.unconditionalDeny ? [rules.unconditionalDeny.rule.id] : [] };
    const full = rules.unconditionalAllow !== null && rules.conditionalDenies.length === 0;
    const deciding = full ? [rules.unconditionalAllow!] : [...(rules.unconditionalAllow ? [rules.unconditionalAllow] : []), ...rules.conditionalAllows, ...rules.conditionalDenies];
    return { level: full ? 'full' : 'conditional', rules: deciding.map((compiled) => compiled.rule.id) };
  }

  /** canSeePrompt tells whether prompts/list shows the prompt. */
  canSeePrompt(serverId: string, promptName: string): boolean {
    return this.decidePrompt(serverId, promptName).effect === 'allow';
  }

  /** canSeeResource tells whether resources/list (or resources/templates/list, given the template) shows the resource. */
  canSeeResource(serverId: string, uri: string): boolean {
    return this.decideResource(serverId, uri).effect === 'allow';
  }

  /**
   * narrowToolSchema returns the tool's inputSchema as this profile may use it (see
   * schema-narrowing.ts), or inputSchema itself when nothing narrows. Memoized per schema object.
   */
  narrowToolSchema<T>(serverId: string, toolName: string, inputSchema: T): T {
    if (typeof inputSchema !== 'object' || inputSchema === null) return inputSchema;
    const rules = this.toolRules(serverId, toolName);
    // An unconditional grant admits every argument; a tool that is not visible is not listed at all.
    if (rules.unconditionalAllow !== null || rules.unconditionalDeny !== null || rules.conditionalAllows.length === 0) return inputSchema;
    let byTool = this.narrowed.get(inputSchema);
    if (!byTool) this.narrowed.set(inputSchema, (byTool = new Map()));
    const key = `${serverId}\u0000${toolName}`;
    if (byTool.has(key)) return byTool.get(key) as T;
    const narrowed = narrowInputSchema(inputSchema, rules.conditionalAllows.map((allow) => allow.rule.arguments));
    byTool.set(key, narrowed);
    return narrowed;
  }

  private toolRules(serverId: string, toolName: string): ToolRules {
    const server = this.server(serverId);
    return server.rules.length === 0 ? noToolRules : server.tools.get(toolName, (name) => splitToolRules(server.rules, name));
  }

  private server(serverId: string): ServerRules {
    let server = this.servers.get(serverId);
    if (server) return server;
    // Only configured servers get an entry, so a made-up server id cannot grow the map.
    if (!this.knownServers.has(serverId)) return noServerRules;
    const rules = this.rules.filter(({ rule }) => rule.servers === null || rule.servers.has(serverId));
    server = rules.length === 0 ? noServerRules : new ServerRules(rules);
    this.servers.set(serverId, server);
    return server;
  }
}

function splitToolRules(rules: readonly CompiledRule[], toolName: string): ToolRules {
  let unconditionalDeny: CompiledRule | null = null;
  let unconditionalAllow: CompiledRule | null = null;
  const conditionalDenies: CompiledRule[] = [];
  const conditionalAllows: CompiledRule[] = [];
  for (const compiled of rules) {
    if (!compiled.rule.tools.test(toolName)) continue;
    const conditional = compiled.checks.length > 0;
    if (compiled.rule.effect === 'deny') {
      if (conditional) conditionalDenies.push(compiled);
      else unconditionalDeny ??= compiled;
    } else if (conditional) conditionalAllows.push(compiled);
    else unconditionalAllow ??= compiled;
  }
  if (!unconditionalDeny && !unconditionalAllow && conditionalDenies.length === 0 && conditionalAllows.length === 0) return noToolRules;
  return Object.freeze({ unconditionalDeny, conditionalDenies, unconditionalAllow, conditionalAllows });
}

function decideByName(rules: readonly CompiledRule[], covers: (rule: CompiledRule) => boolean): Decision {
  let allow: CompiledRule | null = null;
  for (const rule of rules) {
    if (!covers(rule)) continue;
    if (rule.rule.effect === 'deny') return rule.decision;
    allow ??= rule;
  }
  return allow ? allow.decision : defaultDeny;
}
