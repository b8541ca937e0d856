/**
 * The portcullis command line: one subcommand per file in this folder, each imported only
 * when run, so `portcullis --help` does not pay for compiling the schema.
 */

const usage = `usage: portcullis <command> [options]

commands:
  init DIR         start a config repository from the template (policies, tests, PR workflow)
  validate [DIR]   check a config repository (schema, references, secrets syntax) offline
  serve            load the config and serve the gateway (control endpoints today; see README)
  test [DIR]       run the repository's policy tests (tests/*.yaml) against its config
  plan             show who gains or loses access between two versions (for pull requests)
  explain          say whether a principal may use a tool, prompt or resource, and which rule decides
  lock             pin the upstreams' current tool definitions in the lock file, for review

run 'portcullis <command> --help' for a command's options.
`;

/** main runs the command line and returns the exit code: 0 success, 1 failure, 2 usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'init':
      return (await import('./init.ts')).runInit(rest);
    case 'validate':
      return (await import('./validate.ts')).runValidate(rest);
    case 'serve':
      return (await import('./serve.ts')).runServe(rest);
    case 'test':
      return (await import('./test.ts')).runTest(rest);
    case 'plan':
      return (await import('./plan.ts')).runPlan(rest);
    case 'explain':
      return (await import('./explain.ts')).runExplain(rest);
    case 'lock':
      return (await import('./lock.ts')).runLock(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`portcullis: unknown command '${command}'\n\n${usage}`);
      return 2;
  }
}
