/**
 * ToolAdmission decides, per config version, whether a tool an upstream lists reaches clients:
 * its definition must match the lock (when pinning is on) and pass the definition-phase
 * guardrails (poisoned descriptions). It runs where the merged catalog is built, so a tool is
 * judged at startup, on list_changed and on reconnect alike; a withheld tool is neither listed
 * nor callable. Each tool object is judged once per config version and the outcome recorded
 * once, however often the catalog is rebuilt.
 */
import type { Logger } from '../log/logger.ts';
import { toolDigest } from '../pinning/tool-digest.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { CatalogItem } from '../upstream/upstream-catalog.ts';
import { GuardrailSet } from './guardrail-set.ts';
import { guardValue } from './guard-value.ts';
import type { GuardVerdict } from './verdict.ts';
import { toolWithheldChannel, type ToolWithheldEvent } from '../telemetry/events.ts';

/** PinState is how a live definition compares with the lock; `invalid` is a definition that cannot be hashed. */
export type PinState = 'unchecked' | 'match' | 'changed' | 'not-pinned' | 'invalid';

export interface Admission {
  readonly admitted: boolean;
  readonly pin: PinState;
  /** blockedBy is the definition guardrail that withholds the tool, if one does. */
  readonly blockedBy: string | undefined;
  readonly verdicts: readonly GuardVerdict[];
}

const admissions = new WeakMap<Runtime, ToolAdmission>();

export class ToolAdmission {
  /** for returns the admission of a config version, created on first use. */
  static for(runtime: Runtime): ToolAdmission {
    let admission = admissions.get(runtime);
    if (!admission) admissions.set(runtime, (admission = new ToolAdmission(runtime)));
    return admission;
  }

  private readonly decided = new WeakMap<CatalogItem, Admission>();
  private readonly guardrails: GuardrailSet;

  private constructor(private readonly runtime: Runtime) {
    this.guardrails = GuardrailSet.for(runtime);
  }

  /** active is false when neither pinning nor a definition guardrail is configured: every tool is admitted unexamined. */
  get active(): boolean {
    return this.runtime.pinning.mode !== 'off' || this.guardrails.definition.length > 0;
  }

  /** admit judges `tool` (as `serverId` lists it) and records the outcome the first time. */
  admit(serverId: string, tool: CatalogItem, logger: Logger): boolean {
    let admission = this.decided.get(tool);
    if (!admission) {
      admission = this.judge(serverId, tool);
      this.decided.set(tool, admission);
      record(serverId, tool, admission, this.runtime, logger);
    }
    return admission.admitted;
  }

  private judge(serverId: string, tool: CatalogItem): Admission {
    let pin: PinState;
    try {
      pin = this.pinState(serverId, tool);
    } catch {
      // A definition too deep to hash is hostile or broken; either way no client should see it.
      return { admitted: false, pin: 'invalid', blockedBy: undefined, verdicts: [] };
    }
    const rules = this.guardrails.applicable('definition', { serverId, tool: tool.name as string, principal: undefined });
    const outcome = rules.length > 0 ? guardValue(rules, tool) : { verdicts: [], blockedBy: undefined };
    const pinRefused = this.runtime.pinning.mode === 'enforce' && (pin === 'changed' || pin === 'not-pinned');
    return { admitted: !pinRefused && !outcome.blockedBy, pin, blockedBy: outcome.blockedBy, verdicts: outcome.verdicts };
  }

  private pinState(serverId: string, tool: CatalogItem): PinState {
    const { mode, pins } = this.runtime.pinning;
    if (mode === 'off') return 'unchecked';
    const approved = pins?.get(serverId)?.get(tool.name as string);
    if (approved === undefined) return 'not-pinned';
    return approved === toolDigest(tool) ? 'match' : 'changed';
  }
}

function liveDigest(tool: CatalogItem): string | undefined {
  try {
    return toolDigest(tool);
  } catch {
    return undefined;
  }
}

function record(serverId: string, tool: CatalogItem, admission: Admission, runtime: Runtime, logger: Logger): void {
  const pinning = runtime.pinning.mode;
  const fields = { server: serverId, tool: tool.name, pin: admission.pin, ...(admission.pin === 'changed' || admission.pin === 'not-pinned' ? { digest: liveDigest(tool) } : {}) };
  if (!admission.admitted) {
    const reason = admission.blockedBy
      ? `guardrail ${admission.blockedBy}`
      : admission.pin === 'changed' ? 'its definition differs from the lock'
      : admission.pin === 'invalid' ? 'its definition is nested too deep to check'
      : 'it is not in the lock';
    logger.warn({ audit: 'tool-withheld', ...fields, guardrail: admission.blockedBy, verdicts: admission.verdicts }, `tool withheld from clients: ${reason}`);
    if (toolWithheldChannel.hasSubscribers) {
      toolWithheldChannel.publish({
        serverId,
        tool: String(tool.name),
        reason: admission.blockedBy ? 'guardrail' : admission.pin === 'invalid' ? 'invalid-definition' : `pin-${admission.pin}`,
        guardrail: admission.blockedBy,
        verdicts: admission.verdicts,
        configVersion: runtime.version,
        configRevision: runtime.revision,
      } satisfies ToolWithheldEvent);
    }
    return;
  }
  if (admission.pin === 'changed' || admission.pin === 'not-pinned') {
    logger.warn({ audit: 'tool-definition-unapproved', ...fields, pinning }, 'tool definition is not the one in the lock (pinning in monitor mode: still listed)');
  }
  if (admission.verdicts.length > 0) logger.info({ audit: 'guardrail', ...fields, verdicts: admission.verdicts }, 'guardrail verdicts on a tool definition');
}
