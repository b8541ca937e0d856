/**
 * `portcullis init DIR`: starts a config repository from the template in templates/config-repo:
 * servers, per-team policies, guardrails, policy tests, CODEOWNERS and the pull request
 * workflow, with the schemas editors read in .schema/. It never overwrites: DIR must be absent
 * or empty. Exit 0 when created, 1 when DIR is not empty, 2 on a usage error.
 */
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const templateFolder = path.join(repoRoot, 'templates', 'config-repo');
const schemaFolder = path.join(repoRoot, 'schema');

const help = `usage: portcullis init DIR

Creates a config repository in DIR (absent or empty) from Portcullis's template: servers,
policies per team, guardrails, policy tests, CODEOWNERS, and a GitHub Actions workflow that
validates, tests and plans every pull request. Edit the example.com names, then run
portcullis validate DIR and portcullis test DIR.
`;

/** runInit runs the init subcommand and returns its exit code. */
export async function runInit(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`portcullis init: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`portcullis init: name the folder to create\n\n${help}`);
    return 2;
  }
  const target = path.resolve(parsed.positionals[0]!);
  let existing: string[];
  try {
    existing = await readdir(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      process.stderr.write(`portcullis init: cannot use ${target} (${code === 'ENOTDIR' ? 'it is a file, not a folder' : code ?? (error as Error).message})\n`);
      return 1;
    }
    existing = [];
  }
  if (existing.length > 0) {
    process.stderr.write(`portcullis init: ${target} is not empty; init never overwrites files (choose a new folder)\n`);
    return 1;
  }
  await mkdir(target, { recursive: true });
  await cp(templateFolder, target, { recursive: true, errorOnExist: true, force: false });
  // The files' yaml-language-server modelines point at .schema/: editors check them offline.
  await mkdir(path.join(target, '.schema'));
  for (const file of (await readdir(schemaFolder)).filter((name) => name.endsWith('.schema.json'))) {
    await cp(path.join(schemaFolder, file), path.join(target, '.schema', file));
  }
  const files = (await readdir(target, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
  process.stdout.write(
    [
      `created a Portcullis config repository in ${target} (${files} files)`,
      'next:',
      '  1. replace the example.com issuer, URLs and @example teams with yours',
      `  2. portcullis validate ${parsed.positionals[0]} && portcullis test ${parsed.positionals[0]}`,
      '  3. set PORTCULLIS_REPOSITORY in .github/workflows/portcullis.yml, push, and make the `portcullis` check required',
      '',
    ].join('\n'),
  );
  return 0;
}
