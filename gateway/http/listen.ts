/**
 * listen picks the HTTP engine: hyper-express when uWebSockets.js has a native build for this
 * Node, node:http otherwise. Reading PORTCULLIS_HTTP_ENGINE is the caller's job.
 */
import { createRequire } from 'node:module';
import type { HttpHandler, HttpServerHandle, ListenOptions } from './exchange.ts';
import { listenNodeHttp } from './node-http-engine.ts';

/** EnginePreference names the engine to use; 'auto' prefers hyper-express and falls back to node:http. */
export type EnginePreference = 'auto' | 'hyper-express' | 'node:http';

const require = createRequire(import.meta.url);

/**
 * requireNativeUws loads uWebSockets.js and throws unless it is the native build.
 *
 * The build installed here (`@trufflesuite/uws-js-unofficial`) does not throw when it has no
 * binary for this Node ABI (Node 22+): it prints two warnings and substitutes a JavaScript shim
 * whose `listen` throws 'Not implemented'. The shim lacks `SSLApp`, which tells them apart.
 * The warnings are held back because the gateway reports the fallback itself.
 */
function requireNativeUws(): void {
  const warn = console.warn;
  let uws: Record<string, unknown>;
  console.warn = () => {};
  try {
    uws = require('uWebSockets.js') as Record<string, unknown>;
  } finally {
    console.warn = warn;
  }
  if (typeof uws.SSLApp !== 'function') {
    throw new Error(
      `uWebSockets.js loaded its JavaScript shim, not a native build, on Node ${process.version} (ABI ${process.versions.modules}, ${process.platform}-${process.arch})`,
    );
  }
}

async function loadHyperExpressEngine(): Promise<typeof import('./hyper-express-engine.ts')> {
  requireNativeUws();
  return import('./hyper-express-engine.ts');
}

/**
 * listen serves `handler` on the preferred engine. With 'auto', a failure to load hyper-express
 * calls `onFallback` with the reason and serves on node:http; with 'hyper-express' it throws.
 * Errors from listening itself (a busy port) are never a reason to fall back.
 */
export async function listen(
  options: ListenOptions,
  handler: HttpHandler,
  preference: EnginePreference = 'auto',
  onFallback?: (reason: string) => void,
): Promise<HttpServerHandle> {
  if (preference === 'node:http') return listenNodeHttp(options, handler);
  let engine: typeof import('./hyper-express-engine.ts');
  try {
    engine = await loadHyperExpressEngine();
  } catch (error) {
    if (preference === 'hyper-express') throw error;
    onFallback?.(error instanceof Error ? error.message : String(error));
    return listenNodeHttp(options, handler);
  }
  return engine.listenHyperExpress(options, handler);
}
