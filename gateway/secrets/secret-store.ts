/**
 * SecretStore is the gateway's one cache of secret values. It fetches what the config references
 * at load (AWS references in batches), refreshes each provider in the background on its own
 * jittered interval, tells listeners which references changed so only the upstreams using them
 * reconnect, and answers lookups synchronously from the cache, so a header resolved per request
 * costs no network call.
 *
 * What it serves when things go wrong:
 * - a provider that cannot be reached, or throttles past the SDK's retries: the cached value,
 *   while the staleness grows (see health()); refreshes back off with jitter until it answers;
 * - past `aws.maxStaleness` (when set): nothing, so the servers using the value go unavailable;
 * - a secret the provider says no longer exists: nothing (deleting a secret is how access is
 *   withdrawn); other refusals (access denied) keep the cached value and are reported;
 * - a reference never fetched successfully: a SecretUnavailableError naming the reference.
 *
 * Per-principal references are bound to a caller first (bind-principal.ts); the concrete
 * references are held by whoever uses them (acquire/release) and refreshed like the others.
 */
import type { Logger } from '../log/logger.ts';
import type { SecretsRuntime } from '../runtime/runtime.ts';
import { AwsSecretProvider } from './aws-provider.ts';
import { FileSecretProvider } from './file-provider.ts';
import type { SecretOutcome, SecretProvider } from './provider.ts';
import type { SecretReference } from './reference.ts';
import { SecretUnavailableError, type SecretSource } from './secret-source.ts';
import { SecretValue } from './secret-value.ts';
import { secretRefreshChannel, type SecretRefreshEvent } from '../telemetry/events.ts';

export type SecretsSettings = Omit<SecretsRuntime, 'references'>;
type ProviderName = 'aws' | 'file';

interface Entry {
  readonly reference: SecretReference;
  outcome: SecretOutcome | undefined;
  /** confirmedAt is when the provider last vouched for the value (ms since epoch). */
  confirmedAt: number;
  /** shared is set while the serving config names this reference. */
  shared: boolean;
  /** holders counts per-principal users (instances) of this concrete reference. */
  holders: number;
  lastForcedAt: number;
  /** recordedFrom is when the fetch whose answer the entry holds started: an older answer never overwrites it. */
  recordedFrom: number;
  /** forcing is the forced refetch in progress, which concurrent refusals wait for. */
  forcing: Promise<unknown> | undefined;
}

interface ProviderState {
  timer: NodeJS.Timeout | undefined;
  /** failures counts consecutive refreshes with transient faults, for the backoff. */
  failures: number;
  lastRefreshAt: number | undefined;
  lastError: string | undefined;
}

/** ProviderHealth is what /readyz and /admin show per provider; it names no value. */
export interface ProviderHealth {
  readonly references: number;
  readonly unavailable: number;
  readonly lastRefreshAt: string | null;
  /** stalenessMs is the age of the oldest value still served without the provider's confirmation. */
  readonly stalenessMs: number;
  readonly failing: boolean;
  readonly lastError: string | null;
}

export interface SecretStoreOptions {
  readonly logger: Logger;
  readonly environment: NodeJS.ProcessEnv;
  /** providers replace the real ones, for tests of the store itself. */
  readonly providers?: Partial<Record<ProviderName, SecretProvider>>;
}

/** A forced refresh of one reference (an upstream said 401/403) happens at most this often. */
const forcedRefreshSpacingMs = 1000;
const firstBackoffMs = 1000;

export class SecretStore implements SecretSource {
  readonly #entries = new Map<string, Entry>();
  readonly #states: Record<ProviderName, ProviderState> = { aws: idleState(), file: idleState() };
  readonly #listeners: ((changed: ReadonlySet<string>) => void)[] = [];
  readonly #logger: Logger;
  readonly #environment: NodeJS.ProcessEnv;
  readonly #injected: Partial<Record<ProviderName, SecretProvider>>;
  #settings: SecretsSettings | undefined;
  #aws: AwsSecretProvider | undefined;
  #awsKey = '';
  #file: FileSecretProvider | undefined;
  #closed = false;
  #generation = 0;

  constructor(options: SecretStoreOptions) {
    this.#logger = options.logger;
    this.#environment = options.environment;
    this.#injected = options.providers ?? {};
  }

  get generation(): number {
    return this.#generation;
  }

  /** onChange registers a listener told the texts of the references whose values changed. */
  onChange(listener: (changed: ReadonlySet<string>) => void): void {
    this.#listeners.push(listener);
  }

  /**
   * setShared adds a config's references under its `settings` and fetches the new ones (awaited,
   * so upstreams connect with them). Call retainShared once that config serves.
   */
  async setShared(settings: SecretsSettings, references: readonly SecretReference[]): Promise<void> {
    this.#configure(settings);
    for (const reference of references) {
      if (reference.placeholders.length === 0 && reference.provider !== 'env') this.#entryFor(reference).shared = true;
    }
    await this.#fetchUnloaded();
  }

  /** retainShared forgets shared references the serving config no longer names. */
  retainShared(references: readonly SecretReference[]): void {
    const named = new Set(references.map((reference) => reference.text));
    for (const [text, entry] of this.#entries) {
      if (named.has(text) || !entry.shared) continue;
      entry.shared = false;
      if (entry.holders === 0) this.#entries.delete(text);
    }
  }

  /** acquire holds concrete (bound) references for a per-principal user and fetches them if new. */
  async acquire(references: readonly SecretReference[]): Promise<void> {
    for (const reference of references) if (reference.provider !== 'env') this.#entryFor(reference).holders++;
    await this.#fetchUnloaded();
  }

  /** release lets go of references taken with acquire; unheld, unshared ones are forgotten. */
  release(references: readonly SecretReference[]): void {
    for (const reference of references) {
      const entry = this.#entries.get(reference.text);
      if (!entry) continue;
      entry.holders = Math.max(0, entry.holders - 1);
      if (entry.holders === 0 && !entry.shared) this.#entries.delete(reference.text);
    }
  }

  value(reference: SecretReference): SecretValue | undefined {
    if (reference.provider === 'env') {
      const value = this.#environment[reference.variable];
      return value === undefined ? undefined : new SecretValue(value);
    }
    const entry = this.#entries.get(reference.text);
    const outcome = entry?.outcome;
    if (!entry || !outcome) throw new SecretUnavailableError(reference.text, 'it has not been fetched yet');
    if ('fault' in outcome) throw new SecretUnavailableError(reference.text, outcome.fault.reason, outcome.fault.notFound === true);
    const maxStalenessMs = reference.provider === 'aws' ? this.#settings?.aws.maxStalenessMs : null;
    if (maxStalenessMs != null && Date.now() - entry.confirmedAt > maxStalenessMs) {
      throw new SecretUnavailableError(reference.text, `the cached value is older than secrets.aws.maxStaleness and AWS has not confirmed it since (${this.#states.aws.lastError ?? 'no answer'})`);
    }
    return outcome.value;
  }

  /**
   * forceRefresh refetches `references` because an upstream refused a credential sent at `since`
   * (ms since epoch): it may have been rotated. A value already fetched after `since` is not
   * fetched again, and each reference is refetched at most once a second, so an upstream that
   * refuses every credential cannot turn its traffic into Secrets Manager traffic.
   */
  async forceRefresh(references: readonly SecretReference[], since: number): Promise<void> {
    const now = Date.now();
    const entries = references.map((reference) => this.#entries.get(reference.text)).filter((entry): entry is Entry => entry !== undefined);
    // Refusals that arrive while a refetch runs wait for it rather than retrying with the old value.
    const running = entries.flatMap((entry) => (entry.forcing ? [entry.forcing] : []));
    const due = entries.filter((entry) => !entry.forcing && entry.confirmedAt < since && now - entry.lastForcedAt >= forcedRefreshSpacingMs);
    if (due.length > 0) {
      for (const entry of due) entry.lastForcedAt = now;
      this.#logger.info({ references: due.map((entry) => entry.reference.text) }, 'secrets: an upstream refused its credential; refetching it');
      const fetching = this.#fetch(due).finally(() => {
        for (const entry of due) if (entry.forcing === fetching) entry.forcing = undefined;
      });
      for (const entry of due) entry.forcing = fetching;
      running.push(fetching);
    }
    await Promise.all(running);
  }

  /** health reports each provider in use: counts, last refresh, staleness and the last error. */
  health(): Partial<Record<ProviderName, ProviderHealth>> {
    const now = Date.now();
    const report: Partial<Record<ProviderName, ProviderHealth>> = {};
    for (const name of ['aws', 'file'] as const) {
      const entries = [...this.#entries.values()].filter((entry) => entry.reference.provider === name);
      if (entries.length === 0) continue;
      const state = this.#states[name];
      const served = entries.filter((entry) => entry.outcome && 'value' in entry.outcome);
      const oldest = Math.min(now, ...served.map((entry) => entry.confirmedAt));
      report[name] = {
        references: entries.length,
        unavailable: entries.length - served.length,
        lastRefreshAt: state.lastRefreshAt === undefined ? null : new Date(state.lastRefreshAt).toISOString(),
        stalenessMs: state.failures > 0 ? now - oldest : 0,
        failing: state.failures > 0,
        lastError: state.lastError ?? null,
      };
    }
    return report;
  }

  /** close stops the background refreshes and the AWS client. */
  close(): void {
    this.#closed = true;
    for (const state of Object.values(this.#states)) clearTimeout(state.timer);
    this.#aws?.destroy();
  }

  #configure(settings: SecretsSettings): void {
    const previous = this.#settings;
    this.#settings = settings;
    const awsKey = JSON.stringify([settings.aws.region, settings.aws.endpoint]);
    if (awsKey !== this.#awsKey) {
      this.#aws?.destroy();
      this.#aws = undefined;
      this.#awsKey = awsKey;
    }
    this.#file ??= new FileSecretProvider(() => this.#settings!.file.root);
    if (previous && previous.aws.refreshIntervalMs !== settings.aws.refreshIntervalMs) this.#schedule('aws');
    if (previous && previous.file.refreshIntervalMs !== settings.file.refreshIntervalMs) this.#schedule('file');
  }

  #provider(name: ProviderName): SecretProvider {
    const injected = this.#injected[name];
    if (injected) return injected;
    if (name === 'file') return this.#file!;
    this.#aws ??= new AwsSecretProvider(this.#settings!.aws);
    return this.#aws;
  }

  #entryFor(reference: SecretReference): Entry {
    let entry = this.#entries.get(reference.text);
    if (!entry) {
      entry = { reference, outcome: undefined, confirmedAt: 0, shared: false, holders: 0, lastForcedAt: 0, recordedFrom: 0, forcing: undefined };
      this.#entries.set(reference.text, entry);
    }
    return entry;
  }

  async #fetchUnloaded(): Promise<void> {
    const unloaded = [...this.#entries.values()].filter((entry) => entry.outcome === undefined);
    if (unloaded.length > 0) await this.#fetch(unloaded);
    for (const name of ['aws', 'file'] as const) if (!this.#states[name].timer && this.#has(name)) this.#schedule(name);
  }

  #has(name: ProviderName): boolean {
    for (const entry of this.#entries.values()) if (entry.reference.provider === name) return true;
    return false;
  }

  /** fetch asks the providers for `entries`, records the outcomes, and returns what changed. */
  async #fetch(entries: readonly Entry[]): Promise<Set<string>> {
    const changed = new Set<string>();
    const startedAt = Date.now();
    await Promise.all(
      (['aws', 'file'] as const).map(async (name) => {
        const mine = entries.filter((entry) => entry.reference.provider === name);
        if (mine.length === 0) return;
        let outcomes: Map<string, SecretOutcome>;
        try {
          outcomes = await this.#provider(name).fetch(mine.map((entry) => entry.reference));
        } catch (error) {
          // Providers report per reference; an exception is a setup problem such as no region.
          const reason = `the ${name} provider failed: ${(error as Error).message}`;
          outcomes = new Map(mine.map((entry) => [entry.reference.text, { fault: { reason, transient: true } }]));
        }
        this.#record(name, mine, outcomes, changed, startedAt);
      }),
    );
    if (changed.size > 0 && !this.#closed) {
      this.#logger.info({ references: [...changed] }, 'secrets: new values; the upstreams using them pick them up');
      for (const listener of this.#listeners) listener(changed);
    }
    return changed;
  }

  #record(name: ProviderName, entries: readonly Entry[], outcomes: Map<string, SecretOutcome>, changed: Set<string>, startedAt: number): void {
    const now = Date.now();
    this.#generation++;
    const state = this.#states[name];
    let transientFault: string | undefined;
    let refusal: string | undefined;
    for (const entry of entries) {
      // A slow refresh that began before a forced refetch must not put the older value back.
      if (entry.recordedFrom > startedAt) continue;
      entry.recordedFrom = startedAt;
      const outcome = outcomes.get(entry.reference.text) ?? { fault: { reason: 'the provider returned nothing for it', transient: true } };
      const previous = entry.outcome;
      const cached = previous !== undefined && 'value' in previous ? previous.value : undefined;
      if ('value' in outcome) {
        if (cached && !cached.equals(outcome.value)) changed.add(entry.reference.text);
        entry.outcome = outcome;
        // The value is vouched for as of the fetch's start: a refusal of a request sent after that is news.
        entry.confirmedAt = startedAt;
        continue;
      }
      if (outcome.fault.transient) transientFault = outcome.fault.reason;
      else refusal = outcome.fault.reason;
      // A cached value outlives every fault except "the secret is gone".
      if (cached && !outcome.fault.notFound) {
        if (!outcome.fault.transient) this.#logger.warn({ reference: entry.reference.text, reason: outcome.fault.reason }, 'secrets: refresh refused; serving the cached value');
        continue;
      }
      if (cached) changed.add(entry.reference.text);
      if (!previous || 'value' in previous || previous.fault.reason !== outcome.fault.reason) {
        this.#logger.warn({ reference: entry.reference.text, reason: outcome.fault.reason }, 'secrets: a secret is unavailable; servers that need it cannot use it');
      }
      entry.outcome = outcome;
    }
    state.lastRefreshAt = now;
    if (secretRefreshChannel.hasSubscribers) {
      const reason = transientFault ?? refusal;
      secretRefreshChannel.publish({ provider: name, outcome: reason === undefined ? 'ok' : 'failed', reason } satisfies SecretRefreshEvent);
    }
    if (transientFault) {
      if (state.failures === 0) this.#logger.warn({ provider: name, reason: transientFault }, 'secrets: provider unreachable; serving cached values and retrying with backoff');
      state.failures++;
      state.lastError = transientFault;
    } else if (state.failures > 0) {
      this.#logger.info({ provider: name }, 'secrets: provider reachable again');
      state.failures = 0;
      state.lastError = undefined;
    }
  }

  /** schedule plans the next background refresh: the jittered interval, or a backoff after failures. */
  #schedule(name: ProviderName): void {
    const state = this.#states[name];
    clearTimeout(state.timer);
    state.timer = undefined;
    if (this.#closed || !this.#settings) return;
    const interval = name === 'aws' ? this.#settings.aws.refreshIntervalMs : this.#settings.file.refreshIntervalMs;
    const jitter = name === 'aws' ? this.#settings.aws.refreshJitter : 0.1;
    const delay =
      state.failures > 0
        ? Math.min(interval, firstBackoffMs * 2 ** (state.failures - 1)) * (0.5 + Math.random() / 2)
        : interval * (1 + jitter * (2 * Math.random() - 1));
    state.timer = setTimeout(() => {
      void this.#refresh(name).finally(() => this.#schedule(name));
    }, delay);
    state.timer.unref();
  }

  async #refresh(name: ProviderName): Promise<void> {
    const entries = [...this.#entries.values()].filter((entry) => entry.reference.provider === name);
    if (entries.length > 0) await this.#fetch(entries);
  }
}

function idleState(): ProviderState {
  return { timer: undefined, failures: 0, lastRefreshAt: undefined, lastError: undefined };
}
