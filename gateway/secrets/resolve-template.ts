/**
 * Resolving templated header and environment values for upstream transports from a SecretSource.
 * A slot's alternatives (`${a || b}`) are tried in order: the next one is used when a
 * per-principal reference does not exist for the caller, never when a provider is failing, so an
 * outage cannot silently swap a user's own credential for a shared one.
 */
import type { SecretReference } from './reference.ts';
import { SecretUnavailableError, type SecretSource } from './secret-source.ts';
import type { Template } from './template.ts';

/** NotProvisionedError: no alternative of a per-principal slot exists for this caller. */
export class NotProvisionedError extends SecretUnavailableError {}

function resolveSlot(references: readonly SecretReference[], source: SecretSource): string | undefined {
  for (let index = 0; index < references.length; index++) {
    const reference = references[index]!;
    const last = index === references.length - 1;
    try {
      const value = source.value(reference);
      if (value !== undefined) return value.reveal();
      if (last) return undefined;
    } catch (error) {
      const notProvisioned = error instanceof SecretUnavailableError && error.notFound && reference.boundFrom !== undefined;
      if (!notProvisioned) throw error;
      if (last) throw new NotProvisionedError(reference.boundFrom!, error.reason, true);
    }
  }
  return undefined;
}

/**
 * resolveTemplate fills every `${…}` slot. It returns undefined when a slot names an unset `env:`
 * variable: the documented meaning is "leave this header or variable out", so a demo token that
 * is not configured sends no Authorization header rather than `Bearer `.
 */
export function resolveTemplate(template: Template, source: SecretSource): string | undefined {
  let text = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = resolveSlot(part.references, source);
    if (value === undefined) return undefined;
    text += value;
  }
  return text;
}

/** resolveTemplates resolves a map of templates, leaving out entries whose `env:` variable is unset. */
export function resolveTemplates(templates: ReadonlyMap<string, Template>, source: SecretSource): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, template] of templates) {
    const value = resolveTemplate(template, source);
    if (value !== undefined) resolved[name] = value;
  }
  return resolved;
}
