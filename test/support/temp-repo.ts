/**
 * writeRepository creates a throwaway config repository from a map of relative path → content.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempRepository {
  readonly folder: string;
  readonly remove: () => Promise<void>;
}

export async function writeRepository(files: Readonly<Record<string, string>>): Promise<TempRepository> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portcullis-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(folder, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}
