/**
 * Reloader runs config reloads one at a time: load → validate → compile → reconcile upstreams →
 * swap. A reload that fails at any step leaves the last good config serving, and the failure
 * is kept for /readyz and /admin/config until a later reload succeeds. Triggers (file watch,
 * SIGHUP, POST /admin/reload) that arrive during a reload are folded into one more reload.
 */
import { configRevision } from '../config/config-revision.ts';
import { GuardrailSet } from '../guardrails/guardrail-set.ts';
import { AccessPolicy } from '../policy/access-policy.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ConfigIssue } from '../config/issues.ts';
import type { Gateway } from '../gateway.ts';
import type { Logger } from '../log/logger.ts';
import { compile } from '../runtime/compile.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { ValidatedConfig } from '../config/validated-config.ts';
import { configReloadChannel, type ConfigReloadEvent } from '../telemetry/events.ts';

export type ReloadOutcome = 'applied' | 'unchanged' | 'invalid' | 'failed';

export interface ReloadAttempt {
  readonly at: string;
  readonly trigger: string;
  readonly outcome: ReloadOutcome;
  /** errors are the config errors (file:line:column code message) of an invalid config. */
  readonly errors?: readonly string[];
}

export interface LoadedRuntime {
  readonly runtime?: Runtime;
  readonly issues: readonly ConfigIssue[];
  /** config is what the runtime was compiled from, for commands that need more than the Runtime keeps (the lock's descriptions). */
  readonly config?: ValidatedConfig;
}

/**
 * loadRuntime reads, validates and compiles a config repository, and compiles its policy into
 * lookup tables and builds its guardrails' detectors now rather than on the first request after the swap.
 */
export async function loadRuntime(configPath: string | undefined, environment: NodeJS.ProcessEnv): Promise<LoadedRuntime> {
  const result = await loadConfig({ explicitPath: configPath, environment });
  if (!result.config) return { runtime: undefined, issues: result.issues };
  const revision = await configRevision(result.config.folder);
  const runtime = compile(result.config, { environment, ...(revision ? { revision } : {}) });
  AccessPolicy.for(runtime);
  GuardrailSet.for(runtime);
  return { runtime, issues: result.issues, config: result.config };
}

function describeIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return `${where}: ${issue.code}${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}${issue.suggestion ? ` (hint: ${issue.suggestion})` : ''}`;
}

export class Reloader {
  /** loadedAt is when the serving config was applied. */
  loadedAt = new Date().toISOString();
  lastAttempt: ReloadAttempt | undefined;
  private running: Promise<ReloadAttempt> | undefined;
  private queued: Promise<ReloadAttempt> | undefined;

  constructor(
    private readonly load: () => Promise<LoadedRuntime>,
    private readonly gateway: Gateway,
    private readonly logger: Logger,
  ) {}

  /** reload runs a reload now, or once more after the one running. */
  reload(trigger: string): Promise<ReloadAttempt> {
    if (!this.running) {
      this.running = this.run(trigger).finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload(trigger);
    });
    return this.queued;
  }

  private async run(trigger: string): Promise<ReloadAttempt> {
    const at = new Date().toISOString();
    const previousVersion = this.gateway.runtime.version;
    let attempt: ReloadAttempt;
    try {
      const loaded = await this.load();
      const errors = loaded.issues.filter((issue) => issue.severity === 'error').map(describeIssue);
      if (!loaded.runtime) {
        attempt = { at, trigger, outcome: 'invalid', errors };
        this.logger.error({ trigger, errors, configVersion: this.gateway.runtime.version }, 'reload refused: the config is invalid; the last good config keeps serving');
      } else if (loaded.runtime.version === this.gateway.runtime.version) {
        attempt = { at, trigger, outcome: 'unchanged' };
        this.logger.info({ trigger, configVersion: loaded.runtime.version }, 'reload: config unchanged');
      } else {
        await this.gateway.apply(loaded.runtime);
        this.loadedAt = new Date().toISOString();
        attempt = { at, trigger, outcome: 'applied' };
        this.logger.info({ trigger, configVersion: loaded.runtime.version }, 'reload: new config serving');
      }
    } catch (error) {
      attempt = { at, trigger, outcome: 'failed', errors: [(error as Error).message] };
      this.logger.error({ trigger, err: (error as Error).message }, 'reload failed; the last good config keeps serving');
    }
    this.lastAttempt = attempt;
    if (configReloadChannel.hasSubscribers) {
      configReloadChannel.publish({
        trigger,
        outcome: attempt.outcome,
        configVersion: this.gateway.runtime.version,
        configRevision: this.gateway.runtime.revision,
        previousVersion,
        errors: attempt.errors ?? [],
      } satisfies ConfigReloadEvent);
    }
    return attempt;
  }
}
