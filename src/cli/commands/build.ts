import { InvalidArgumentError, Option, type Command } from 'commander';
import { PAPER_SIZES } from '../../config/schema.js';
import { parseShard, type Shard } from '../../plan/shard.js';
import { FORMATS, type Format } from '../../writers/registry.js';
import { list, type CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface BuildFlags {
  format?: string[];
  lang?: string[];
  out?: string;
  strict?: boolean;
  paper?: (typeof PAPER_SIZES)[number];
  force?: boolean;
  shard?: Shard;
  json?: boolean;
  quiet?: boolean;
  watch?: boolean;
}

function formats(value: string, previous: string[] = []): string[] {
  const parsed = list(value, previous);
  for (const f of parsed) if (!FORMATS.includes(f as Format)) throw new InvalidArgumentError(`"${f}" is not a format; choose from ${FORMATS.join(', ')}.`);
  return parsed;
}

/** Paper names in any case: A4, a4 and Letter are what people type. */
function paper(value: string): string {
  const size = value.toLowerCase();
  if (!(PAPER_SIZES as readonly string[]).includes(size)) throw new InvalidArgumentError(`"${value}" is not a paper size Broadside knows; choose from ${PAPER_SIZES.join(', ')}.`);
  return size;
}

function shard(value: string): Shard {
  const parsed = parseShard(value);
  if (!parsed) throw new InvalidArgumentError('write K/N with 1 ≤ K ≤ N, such as 2/3 for the second of three parts.');
  return parsed;
}

export function registerBuild(program: Command, proc: CliProcess, project: ProjectLocator, signal: AbortSignal): void {
  program
    .command('build')
    .description('write HTML, PDF and plain text for every statement and language, plus an index and manifest.json; only what changed is made again')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-f, --format <list>', `formats to write, comma-separated (${FORMATS.join(',')})`, formats)
    .option('-l, --lang <list>', 'languages to build, comma-separated, with the parallel editions that have one of them, or parallel editions by id (default: all configured)', list)
    .option('-o, --out <dir>', 'output folder (default: config `output`, dist)')
    .option('--paper <size>', `paper size for PDFs (${PAPER_SIZES.join(', ')})`, paper)
    .option('--strict', 'fail instead of publishing English in place of missing or stale translations, or despite translation check errors')
    .option('--force', 'make every selected file again, even those that are up to date')
    .option('--shard <K/N>', 'build only part K of N of the selection (for parallel CI jobs; combine them with `broadside merge`)', shard)
    .option('--json', 'print a summary for programs on stdout (see docs/publishing.md); messages still go to stderr')
    .option('-q, --quiet', 'print nothing but errors')
    .addOption(new Option('-w, --watch', 'keep running: build again whenever a statement, translation, template or broadside.yaml is saved').conflicts('json'))
    .action(async (statements: string[], flags: BuildFlags) => {
      const { build } = await import('../../build/build.js');
      const { buildReporter } = await import('../build-reporter.js');
      const reporter = buildReporter(proc, flags);
      const options = {
        root: await project.root(),
        statements,
        langs: flags.lang,
        formats: flags.format as Format[] | undefined,
        out: flags.out === undefined ? undefined : project.typed(flags.out),
        strict: flags.strict,
        paper: flags.paper,
        force: flags.force,
        shard: flags.shard,
        env: proc.env,
        signal,
      };
      if (flags.watch) {
        const { watchBuild } = await import('../../watch/watch.js');
        const { reportRebuilds } = await import('../rebuild-report.js');
        return watchBuild(options, { signal, ...reportRebuilds(proc, { quiet: flags.quiet }) });
      }
      try {
        reporter.succeeded(await build(options, reporter.events));
      } catch (error) {
        reporter.failed(error);
        throw error;
      }
    });
}
