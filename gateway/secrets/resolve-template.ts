/**
 * Resolving templated header and environment values for upstream transports, with the
 * providers that need no network: `env:` (the gateway's environment) and `file:` (mounted
 * secrets). `aws:` references need the Secrets Manager provider; until it is configured a server
 * that uses one cannot start, and the error names the reference, never a value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SecretReference } from './reference.ts';
import type { Template } from './template.ts';

/** SecretUnavailableError says which reference could not be resolved and why; it never holds a value. */
export class SecretUnavailableError extends Error {
  readonly code = 'PCX_ERR_SECRET_UNAVAILABLE';
  constructor(
    readonly reference: string,
    reason: string,
  ) {
    super(`secret ${reference} is unavailable: ${reason}`);
  }
}

export interface ResolveContext {
  readonly environment: NodeJS.ProcessEnv;
  /** fileRoot is the folder relative `file:` paths start from. */
  readonly fileRoot: string;
}

/** resolveReference returns the value, undefined for an unset `env:` variable, or throws SecretUnavailableError. */
function resolveReference(reference: SecretReference, context: ResolveContext): string | undefined {
  if (reference.placeholders.length > 0) throw new SecretUnavailableError(reference.text, 'per-principal credentials are not supported yet');
  switch (reference.provider) {
    case 'env':
      return context.environment[reference.variable];
    case 'file': {
      let text: string;
      try {
        text = readFileSync(path.resolve(context.fileRoot, reference.path), 'utf8');
      } catch (error) {
        throw new SecretUnavailableError(reference.text, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (!reference.jsonKey) return text.replace(/\r?\n$/, '');
      return jsonField(reference, text);
    }
    case 'aws':
      throw new SecretUnavailableError(reference.text, 'the AWS Secrets Manager provider is not available in this version');
  }
}

function jsonField(reference: SecretReference & { jsonKey?: string }, text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SecretUnavailableError(reference.text, 'the secret is not JSON, so it has no key to select');
  }
  const value = (parsed as Record<string, unknown> | null)?.[reference.jsonKey!];
  if (typeof value !== 'string') throw new SecretUnavailableError(reference.text, `the JSON secret has no string key ${JSON.stringify(reference.jsonKey)}`);
  return value;
}

/**
 * resolveTemplate fills every `${…}` slot. It returns undefined when a slot names an unset `env:`
 * variable: the documented meaning is "leave this header or variable out", so a demo token that
 * is not configured sends no Authorization header rather than `Bearer `.
 */
export function resolveTemplate(template: Template, context: ResolveContext): string | undefined {
  let text = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    let value: string | undefined;
    for (const reference of part.references) {
      value = resolveReference(reference, context);
      if (value !== undefined) break;
    }
    if (value === undefined) return undefined;
    text += value;
  }
  return text;
}

/** resolveTemplates resolves a map of templates, leaving out entries whose `env:` variable is unset. */
export function resolveTemplates(templates: ReadonlyMap<string, Template>, context: ResolveContext): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, template] of templates) {
    const value = resolveTemplate(template, context);
    if (value !== undefined) resolved[name] = value;
  }
  return resolved;
}
