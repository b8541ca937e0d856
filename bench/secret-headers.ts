/**
 * Benchmark: what resolving an HTTP upstream's credential headers costs per request. Headers
 * are resolved on every request so a rotated secret applies at once; this shows that costs
 * next to nothing beside the gateway's CPU per call (bench/mcp), with the store warm as it is in
 * service. The provider answers from memory: fetching is the background refresh's cost, not
 * the request's.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../gateway/log/logger.ts';
import type { SecretOutcome, SecretProvider } from '../gateway/secrets/provider.ts';
import type { SecretReference } from '../gateway/secrets/reference.ts';
import { resolveTemplates } from '../gateway/secrets/resolve-template.ts';
import { SecretStore } from '../gateway/secrets/secret-store.ts';
import { SecretValue } from '../gateway/secrets/secret-value.ts';
import { parseTemplate, type Template } from '../gateway/secrets/template.ts';
import { measure } from './auth-path.ts';
import { describe, summarize } from './policy-decision.ts';

const inMemory: SecretProvider = {
  async fetch(references: readonly SecretReference[]): Promise<Map<string, SecretOutcome>> {
    return new Map(references.map((reference) => [reference.text, { value: new SecretValue(`value-of-${reference.text}`) }]));
  },
};

function templates(entries: Record<string, string>): Map<string, Template> {
  return new Map(
    Object.entries(entries).map(([name, text]) => {
      const parsed = parseTemplate(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return [name, parsed.value];
    }),
  );
}

/** benchSecretHeaders prints the per-request cost of resolving headers with and without secrets. */
export async function benchSecretHeaders(): Promise<void> {
  const logger = createLogger({ level: 'warn', format: 'json' }, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  const store = new SecretStore({ logger, environment: {}, providers: { aws: inMemory } });
  const withSecrets = templates({ Authorization: 'Bearer ${aws:prod/mcp/github#token}', 'X-Tenant': '${aws:prod/mcp/github#tenant}' });
  const literal = templates({ Accept: 'application/json', 'X-Team': 'platform' });
  await store.setShared(
    { aws: { region: 'eu-west-1', endpoint: null, refreshIntervalMs: 300_000, refreshJitter: 0.1, maxStalenessMs: null }, file: { root: '.', refreshIntervalMs: 60_000 } },
    [...withSecrets.values()].flatMap((template) => [...template.references]),
  );
  try {
    const plain = summarize(await measure(async () => resolveTemplates(literal, store)));
    const secret = summarize(await measure(async () => resolveTemplates(withSecrets, store)));
    console.log('upstream header resolution per request (two headers, warm secret store):');
    console.log(`  literal headers:            ${describe(plain)}`);
    console.log(`  two aws: references:        ${describe(secret)}`);
  } finally {
    store.close();
  }
}
