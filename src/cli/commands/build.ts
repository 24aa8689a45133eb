import { InvalidArgumentError, type Command } from 'commander';
import { PAPER_SIZES } from '../../config/schema.js';
import { FORMATS, type Format } from '../../writers/paths.js';
import { list, type CliProcess } from '../io.js';

interface BuildFlags {
  format?: string[];
  lang?: string[];
  out?: string;
  strict?: boolean;
  paper?: (typeof PAPER_SIZES)[number];
  quiet?: boolean;
}

function formats(value: string, previous: string[] = []): string[] {
  const parsed = list(value, previous);
  for (const f of parsed) if (!FORMATS.includes(f as Format)) throw new InvalidArgumentError(`"${f}" is not a format; choose from ${FORMATS.join(', ')}.`);
  return parsed;
}

function paper(value: string): string {
  if (!(PAPER_SIZES as readonly string[]).includes(value)) throw new InvalidArgumentError(`choose from ${PAPER_SIZES.join(', ')}.`);
  return value;
}

export function registerBuild(program: Command, proc: CliProcess, signal: AbortSignal): void {
  program
    .command('build')
    .description('write HTML, PDF and plain text for every statement and language, plus an index')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-f, --format <list>', `formats to write, comma-separated (${FORMATS.join(',')})`, formats)
    .option('-l, --lang <list>', 'languages to build, comma-separated (default: all configured)', list)
    .option('-o, --out <dir>', 'output folder (default: config `output`, dist)')
    .option('--paper <size>', `paper size for PDFs (${PAPER_SIZES.join(', ')})`, paper)
    .option('--strict', 'fail instead of publishing English in place of missing or stale translations')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (statements: string[], flags: BuildFlags) => {
      const { build } = await import('../../build.js');
      const result = await build({
        root: proc.cwd(),
        statements,
        langs: flags.lang,
        formats: flags.format as Format[] | undefined,
        out: flags.out,
        strict: flags.strict,
        paper: flags.paper,
        env: proc.env,
        signal,
      });
      if (flags.quiet) return;
      for (const warning of result.warnings) proc.stderr.write(`warning: ${warning.file}: ${warning.message}\n`);
      proc.stderr.write(`Wrote ${result.artifacts.length} files to ${result.outDir}\n`);
    });
}
