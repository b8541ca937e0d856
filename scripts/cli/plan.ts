/**
 * `portcullis plan --base <git-ref|DIR> [--head DIR]`: compiles two versions of a config
 * repository and prints what changes in access (who gains or loses which tool, prompt or
 * resource), servers, credentials (names only), guardrails and tool pins, as Markdown for a
 * pull request or as JSON. Exit 0 with a plan; 1 when either version is invalid, or with
 * `--fail-on sensitive` when someone gains a tool `review.sensitive` marks; 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../gateway/config/load-config.ts';
import { renderHuman } from '../../gateway/config/report.ts';
import { buildPlan, type PlanSide } from '../../gateway/plan/access-plan.ts';
import { configRevision } from '../../gateway/config/config-revision.ts';
import { checkoutBase } from '../../gateway/plan/base-checkout.ts';
import { renderPlanMarkdown } from '../../gateway/plan/render-markdown.ts';
import { compile } from '../../gateway/runtime/compile.ts';

const help = `usage: portcullis plan --base <git-ref|DIR> [--head DIR] [--format markdown|json] [--fail-on sensitive]

Compares the config repository in --head (default: PORTCULLIS_CONFIG, else the current folder)
with --base, a folder or a git ref of the repository --head is in (origin/main, a sha), and
prints who gains or loses which tool, prompt or resource, and what changes in servers,
credential references, guardrails and tool pins.
  --base REF|DIR         the version to compare against
  --head DIR             the changed version (default: the current folder)
  --format F             markdown (default: for a PR comment or $GITHUB_STEP_SUMMARY) or json
  --fail-on sensitive    exit 1 when someone gains a tool that review.sensitive marks
`;

class UsageError extends Error {}

async function load(folder: string, source: string, commit: string | undefined, environment: NodeJS.ProcessEnv): Promise<PlanSide | string> {
  const loaded = await loadConfig({ explicitPath: folder, environment });
  if (!loaded.config) return `${source} is not a valid config:\n${renderHuman({ folder: loaded.folder, issues: loaded.issues })}`;
  return { source, commit, config: loaded.config, runtime: compile(loaded.config, { environment }) };
}

/** runPlan runs the plan subcommand and returns its exit code. */
export async function runPlan(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: { base: { type: 'string' }, head: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    if (!values.base) throw new UsageError('--base is required');
    if (values.format !== undefined && values.format !== 'markdown' && values.format !== 'json') throw new UsageError(`--format must be markdown or json, not ${values.format}`);
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'sensitive') throw new UsageError(`--fail-on takes sensitive, not ${values['fail-on']}`);
  } catch (error) {
    process.stderr.write(`portcullis plan: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  const headFolder = values.head ?? environment.PORTCULLIS_CONFIG ?? process.cwd();
  let base;
  try {
    base = await checkoutBase(values.base, headFolder);
  } catch (error) {
    process.stderr.write(`portcullis plan: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const [baseSide, headSide] = await Promise.all([
      load(base.folder, values.base, base.commit, environment),
      configRevision(headFolder).then((commit) => load(headFolder, values.head ?? '.', commit, environment)),
    ]);
    const invalid = [baseSide, headSide].filter((side): side is string => typeof side === 'string');
    if (invalid.length > 0) {
      process.stderr.write(invalid.map((message) => `portcullis plan: ${message}`).join('\n'));
      return 1;
    }
    const plan = buildPlan(baseSide as PlanSide, headSide as PlanSide);
    process.stdout.write(values.format === 'json' ? JSON.stringify(plan, null, 2) + '\n' : renderPlanMarkdown(plan));
    if (values['fail-on'] === 'sensitive' && plan.sensitive.length > 0) {
      process.stderr.write(`portcullis plan: ${plan.sensitive.length} sensitive grant(s): this change needs the approval review.sensitive asks for\n`);
      return 1;
    }
    return 0;
  } finally {
    await base.cleanup();
  }
}
