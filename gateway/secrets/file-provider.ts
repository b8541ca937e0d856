/**
 * FileSecretProvider reads `file:` references: secrets mounted as files, as Kubernetes does.
 * Relative paths start at the configured root (default: the config repository).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileSecretReference, SecretReference } from './reference.ts';
import { selectJsonKey, type SecretOutcome, type SecretProvider } from './provider.ts';
import { SecretValue } from './secret-value.ts';

export class FileSecretProvider implements SecretProvider {
  constructor(private readonly root: () => string) {}

  async fetch(references: readonly SecretReference[]): Promise<Map<string, SecretOutcome>> {
    const outcomes = new Map<string, SecretOutcome>();
    await Promise.all(
      references.map(async (reference) => {
        outcomes.set(reference.text, await this.read(reference as FileSecretReference));
      }),
    );
    return outcomes;
  }

  private async read(reference: FileSecretReference): Promise<SecretOutcome> {
    let text: string;
    try {
      text = await readFile(path.resolve(this.root(), reference.path), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      return { fault: { reason: `cannot read the file (${code})`, transient: false, notFound: code === 'ENOENT' } };
    }
    // Mounted secrets and `echo > file` end with a newline that is not part of the secret.
    const selected = selectJsonKey(reference.jsonKey ? text : text.replace(/\r?\n$/, ''), reference.jsonKey);
    return typeof selected === 'string' ? { value: new SecretValue(selected) } : selected;
  }
}
