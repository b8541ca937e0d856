#!/usr/bin/env node
// The `portcullis` command. Portcullis runs its TypeScript through tsx, registered here so the
// command works from any folder (node --import would resolve tsx from the caller's folder).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
