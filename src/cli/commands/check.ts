import { Option, type Command } from 'commander';
import { CheckFailedError, ExitCode } from '../../errors.js';
import { FINDING_FORMATS, type FindingFormat } from '../../report/findings.js';
import { list, type CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface CheckFlags {
  lang?: string[];
  format: FindingFormat;
}

export function registerCheck(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('check')
    .description('check translations for what a reader would notice: missing or stale passages, broken links and markup, numbers, spacing, punctuation, right-to-left problems')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-l, --lang <list>', 'languages to check, comma-separated (default: all translated languages)', list)
    .addOption(new Option('--format <format>', 'text for people, json for programs, github for workflow annotations').choices(FINDING_FORMATS).default('text'))
    .addHelpText('after', `\nExits ${ExitCode.checkFailed} when any finding is an error. Set a check to error, warning or off under \`checks:\` in broadside.yaml.`)
    .action(async (statements: string[], flags: CheckFlags) => {
      const { loadProject } = await import('../../io/project.js');
      const { checkTranslations } = await import('../../checks/check.js');
      const { FINDING_WRITERS } = await import('../../report/findings.js');
      const report = checkTranslations(await loadProject(await project.root()), { statements, langs: flags.lang });
      proc.stdout.write(FINDING_WRITERS[flags.format](report));
      if (report.errors > 0) {
        throw new CheckFailedError(
          `the translation check found ${report.errors} error${report.errors === 1 ? '' : 's'}`,
          undefined,
          'fix them as each message says; if a check does not suit your project, set it to `warning` or `off` under `checks:` in broadside.yaml.',
        );
      }
    });
}
