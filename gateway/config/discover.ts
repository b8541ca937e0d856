/**
 * Finding the root config file. Precedence: an explicit path (--config), then PORTCULLIS_CONFIG,
 * then a search of the given folder for the usual names. cosmiconfig does the search; the file
 * is parsed later by our own YAML reader, which keeps positions.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig } from 'cosmiconfig';

/** rootFileNames lists, in order, the names searched for in a config repository's folder. */
export const rootFileNames = [
  'portcullis.yaml',
  'portcullis.yml',
  '.portcullisrc.yaml',
  '.portcullisrc.yml',
  '.portcullisrc',
  '.config/portcullis.yaml',
  '.config/portcullis.yml',
] as const;

// cosmiconfig would parse YAML without positions; this loader hands back the text unparsed.
const keepText = (_filepath: string, content: string): string => content;

const explorer = cosmiconfig('portcullis', {
  searchPlaces: [...rootFileNames],
  loaders: { '.yaml': keepText, '.yml': keepText, noExt: keepText },
  searchStrategy: 'none',
  cache: false,
});

/** DiscoveryRequest says where to look: an explicit file or folder, else the environment, else cwd. */
export interface DiscoveryRequest {
  readonly explicitPath?: string;
  readonly environment?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Discovery is the root file found, or the places that were searched in vain. */
export type Discovery =
  | { readonly found: true; readonly rootFile: string }
  | { readonly found: false; readonly searched: string };

/** discoverRootFile finds the root config file. A path naming a folder is searched like cwd. */
export async function discoverRootFile(request: DiscoveryRequest = {}): Promise<Discovery> {
  const cwd = request.cwd ?? process.cwd();
  const given = request.explicitPath ?? request.environment?.PORTCULLIS_CONFIG;
  const target = path.resolve(cwd, given ?? '.');
  const info = await stat(target).catch(() => undefined);
  if (info?.isFile()) return { found: true, rootFile: target };
  if (!info?.isDirectory()) return { found: false, searched: target };
  const result = await explorer.search(target);
  return result ? { found: true, rootFile: result.filepath } : { found: false, searched: target };
}
