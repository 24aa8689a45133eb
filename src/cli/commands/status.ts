import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode, IncompleteError } from '../../errors.js';
import { failureDocument } from '../../report/failure.js';
import { list, type CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface StatusFlags {
  lang?: string[];
  json?: boolean;
  min?: number;
}

function percentage(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('give a percentage from 0 to 100, such as 90.');
  return n;
}

export function registerStatus(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('status')
    .description('show how complete each translation is: segments and words translated, stale and missing, per statement and language')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-l, --lang <list>', 'languages to show, comma-separated (default: all translated languages)', list)
    .option('--json', 'print the status as JSON (documented in docs/translator-commands.md)')
    .option('--min <percent>', `fail (exit ${ExitCode.incomplete}) when a language is less complete than this; a language's own \`minComplete\` in broadside.yaml takes precedence`, percentage)
    .action(async (statements: string[], flags: StatusFlags) => {
      const { loadProject } = await import('../../io/project.js');
      const { translationStatus, STATUS_SCHEMA_VERSION } = await import('../../status/status.js');
      const { formatStatusTable } = await import('../../report/status-table.js');
      let report;
      try {
        report = translationStatus(await loadProject(await project.root()), { statements, langs: flags.lang, min: flags.min });
      } catch (error) {
        if (flags.json) proc.stdout.write(failureDocument(error, STATUS_SCHEMA_VERSION));
        throw error;
      }
      proc.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatusTable(report));
      const below = report.statements.flatMap((s) => s.languages.filter((l) => l.belowMinimum).map((l) => `${l.lang} is ${l.percent} % complete in ${s.statement} (minimum ${l.minimum} %)`));
      if (below.length) {
        throw new IncompleteError(below.join('; '), undefined, 'translate the missing and stale segments (`broadside check` lists them), or lower `minComplete` in broadside.yaml.');
      }
    });
}
