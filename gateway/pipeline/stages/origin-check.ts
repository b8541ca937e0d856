/**
 * origin-check runs first because it needs nothing but headers and stops DNS-rebinding attacks
 * before any work: a browser page on another origin must not reach a gateway on localhost.
 * A present Origin must be listed in gateway.allowedOrigins (or be a loopback origin of a
 * loopback-bound gateway); the Host must be one of gateway.allowedHosts, where an entry
 * without a port matches any port.
 */
import { JsonRpcErrorCode } from '../../jsonrpc/message.ts';
import { rejectHttp } from '../http-rejection.ts';
import type { Stage } from '../stage.ts';

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostAllowed(host: string, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(host)) return true;
  const colon = host.lastIndexOf(':');
  return colon > 0 && !host.endsWith(']') && allowed.has(host.slice(0, colon));
}

function originAllowed(origin: string, allowed: ReadonlySet<string>, loopbackGateway: boolean): boolean {
  if (allowed.has(origin) || allowed.has('*')) return true;
  if (!loopbackGateway) return false;
  try {
    return loopbackNames.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

export const originCheck: Stage = {
  name: 'origin-check',
  run(context) {
    const { gateway } = context.runtime;
    const host = context.exchange.header('host');
    if (host === undefined || !hostAllowed(host.toLowerCase(), gateway.allowedHosts)) {
      return rejectHttp(context, 403, JsonRpcErrorCode.invalidRequest, `Host ${JSON.stringify(host ?? '')} is not allowed; add it to gateway.allowedHosts`);
    }
    const origin = context.exchange.header('origin');
    const loopbackGateway = gateway.host === '127.0.0.1' || gateway.host === '::1' || gateway.host === 'localhost';
    if (origin !== undefined && !originAllowed(origin, gateway.allowedOrigins, loopbackGateway)) {
      return rejectHttp(context, 403, JsonRpcErrorCode.invalidRequest, `Origin ${JSON.stringify(origin)} is not allowed; add it to gateway.allowedOrigins`);
    }
  },
};
