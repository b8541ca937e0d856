/**
 * Clients see one flat namespace of tool and prompt names: `<prefix><separator><name>`, or the
 * bare name for a server whose prefix is "". Two servers must never be able to produce the
 * same name, or a call could reach the wrong server. What can be decided from config alone is
 * decided here; a live tool list that still collides is withheld by the data plane.
 */
import { isLiteralGlob } from '../../matching/glob.ts';
import type { ConfigIssue } from '../issues.ts';
import type { ServerFile } from '../schema-types.generated.ts';
import type { Located, ValidatedConfig } from '../validated-config.ts';

/** defaultToolNameSeparator joins prefix and name when gateway.toolNameSeparator is not set. */
export const defaultToolNameSeparator = '__';

/** effectivePrefix is the prefix a server's names get: its own setting, else its id. */
export function effectivePrefix(server: ServerFile): string {
  return server.prefix ?? server.id;
}

/** checkToolNames reports prefixes that contain the separator, repeat, or unprefixed names that may collide. */
export function checkToolNames(config: ValidatedConfig): ConfigIssue[] {
  const separator = config.root.value.gateway?.toolNameSeparator ?? defaultToolNameSeparator;
  const servers = config.servers.filter(({ value }) => value.enabled !== false);
  const issues: ConfigIssue[] = [];
  const prefixPath = (server: ServerFile): string[] => (server.prefix === undefined ? ['id'] : ['prefix']);

  const owners = new Map<string, Located<ServerFile>>();
  for (const located of servers) {
    const { value, source } = located;
    const prefix = effectivePrefix(value);
    if (prefix === '') continue;
    if (prefix.includes(separator)) {
      issues.push(source.issue('PCX_ERR_TOOL_NAME_COLLISION', prefixPath(value), {
        message: `prefix \`${prefix}\` contains the separator \`${separator}\`, so its names could be read as another server's`,
        suggestion: `set \`prefix:\` to a value without \`${separator}\``,
      }));
    }
    const owner = owners.get(prefix);
    // The same id twice is one mistake, reported by the duplicate-id check, not a collision too.
    if (owner && owner.value.id === value.id) continue;
    if (owner) {
      issues.push(source.issue('PCX_ERR_TOOL_NAME_COLLISION', prefixPath(value), {
        message: `servers \`${owner.value.id}\` and \`${value.id}\` both use the prefix \`${prefix}\``,
        suggestion: 'give one of them a different `prefix:`',
      }));
    } else {
      owners.set(prefix, located);
    }
  }

  const unprefixed = servers.filter(({ value }) => effectivePrefix(value) === '');
  for (const kind of ['tools', 'prompts'] as const) {
    const claimed = new Map<string, string>();
    for (const { value, source } of unprefixed) {
      const allow = value[kind]?.allow ?? ['*'];
      const wildcard = allow.some((glob) => !isLiteralGlob(glob));
      if (wildcard && unprefixed.length > 1) {
        issues.push(source.issue('PCX_ERR_TOOL_NAME_COLLISION', value.prefix === undefined ? ['id'] : ['prefix'], {
          message: `server \`${value.id}\` exposes unprefixed ${kind} by pattern, and ${unprefixed.length - 1} other server(s) are unprefixed too`,
          suggestion: `set a \`prefix:\`, or list its ${kind} by exact name under \`${kind}.allow\``,
        }));
        continue;
      }
      for (const [index, name] of allow.entries()) {
        if (!isLiteralGlob(name)) continue;
        const other = claimed.get(name);
        const prefixOwner = [...owners.keys()].find((prefix) => name.startsWith(prefix + separator));
        if (other || prefixOwner !== undefined) {
          issues.push(source.issue('PCX_ERR_TOOL_NAME_COLLISION', [kind, 'allow', index], {
            message: other
              ? `unprefixed name \`${name}\` is also exposed by server \`${other}\``
              : `unprefixed name \`${name}\` looks like a name of server \`${owners.get(prefixOwner!)!.value.id}\``,
            suggestion: 'set a `prefix:` on one of the servers',
          }));
        } else {
          claimed.set(name, value.id);
        }
      }
    }
  }
  return issues;
}
