/**
 * Benchmark: what authentication and authorization cost per request in process, on the exact
 * config of the gateway-auth target (bearer JWT from a local OIDC provider, 2,000 rules over 200
 * groups). The end-to-end comparison in bench/mcp measures the same thing through HTTP, but on a
 * shared 2-core machine its run-to-run noise is larger than the effect; this isolates it, so it
 * can be set against the gateway's CPU per call that bench/mcp prints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Authenticator } from '../gateway/auth/authenticator.ts';
import { SecretStore } from '../gateway/secrets/secret-store.ts';
import { createLogger } from '../gateway/log/logger.ts';
import { AccessPolicy } from '../gateway/policy/access-policy.ts';
import { loadRuntime } from '../gateway/reload/reloader.ts';
import { startIssuer, writeGatewayConfig } from './mcp/targets.ts';
import { describe, summarize } from './policy-decision.ts';

const warmupRequests = 50_000;
const measuredRequests = 200_000;
const publicUrl = 'http://127.0.0.1:8080/mcp';

/** measure times `run` after a warm-up, one sample per call, in nanoseconds. */
export async function measure(run: () => Promise<unknown>): Promise<Float64Array> {
  for (let i = 0; i < warmupRequests; i++) await run();
  const samples = new Float64Array(measuredRequests);
  for (let i = 0; i < measuredRequests; i++) {
    const begin = process.hrtime.bigint();
    await run();
    samples[i] = Number(process.hrtime.bigint() - begin);
  }
  return samples;
}

/** benchAuthPath prints the per-request cost of the authenticate and authorize stages' work. */
export async function benchAuthPath(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-bench-auth-'));
  const { idp, token } = await startIssuer(publicUrl);
  try {
    await writeGatewayConfig(folder, { type: 'streamable-http', url: 'http://127.0.0.1:9/mcp' }, { maxConcurrency: 64, maxSessions: 1000 }, { kind: 'oidc', issuer: idp.issuer.url!, publicUrl });
    const { runtime, issues } = await loadRuntime(folder, {});
    if (!runtime) throw new Error(`the gateway-auth config is invalid: ${JSON.stringify(issues.slice(0, 3))}`);
    const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const logger = createLogger({ level: 'warn', format: 'json' }, silent);
    const authenticator = new Authenticator({ logger, secrets: new SecretStore({ logger, environment: {} }) });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const request = { header: (name: string): string | undefined => headers[name], query: '' };
    const first = await authenticator.authenticate(runtime, request);
    if (!first.ok) throw new Error(`the bench token was refused: ${first.reason}`);
    const profile = AccessPolicy.for(runtime).profile(first.principal);
    const authenticate = summarize(await measure(() => authenticator.authenticate(runtime, request)));
    const both = summarize(
      await measure(async () => {
        const outcome = await authenticator.authenticate(runtime, request);
        if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
        const decision = AccessPolicy.for(runtime).profile(outcome.principal).decideTool('fast', 'echo', { text: 'hi' });
        if (decision.effect !== 'allow') throw new Error(`the bench call was denied: ${decision.reason}`);
      }),
    );
    authenticator.close();
    console.log(`auth path (gateway-auth's config: JWT from a local IdP, ${runtime.policy.rules.length} rules; the principal matches ${profile.rules.length}), ${measuredRequests.toLocaleString('en-US')} requests after ${warmupRequests.toLocaleString('en-US')} warm-up:`);
    console.log(`  authenticate, cached token: ${describe(authenticate)}`);
    console.log(`  authenticate + profile + decideTool (the authenticate and authorize stages' work): ${describe(both)}`);
  } finally {
    await idp.stop();
    await rm(folder, { recursive: true, force: true });
  }
}
