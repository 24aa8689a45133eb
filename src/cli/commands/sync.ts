import type { Command } from 'commander';
import { ExitCode, OutOfSyncError } from '../../errors.js';
import { list, type CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface SyncFlags {
  lang?: string[];
  check?: boolean;
}

export function registerSync(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('sync')
    .description('bring translation files in line with the statements: new passages to translate, stale ones marked, removed ones kept as obsolete')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-l, --lang <list>', 'languages to sync, comma-separated (default: all translated languages)', list)
    .option('--check', `change nothing; list what sync would change and fail (exit ${ExitCode.outOfSync}) if anything would`)
    .action(async (statements: string[], flags: SyncFlags) => {
      const { syncProject } = await import('../../sync/sync.js');
      const { describeChange } = await import('../../sync/describe.js');
      const files = await syncProject({ root: await project.root(), statements, langs: flags.lang, check: flags.check });
      const changed = files.filter((f) => f.created || f.changes.length);
      for (const file of changed) {
        const status = flags.check ? (file.created ? 'would be created' : 'would change') : file.created ? 'created' : 'updated';
        proc.stdout.write(`${file.file}: ${status}\n`);
        for (const change of file.changes) proc.stdout.write(`  ${describeChange(change)}\n`);
      }
      if (changed.length === 0) {
        proc.stdout.write(`${files.length} translation file(s) already in line with the statements\n`);
        return;
      }
      if (flags.check) {
        throw new OutOfSyncError(`${changed.length} translation file(s) are not in line with the statements`, undefined, 'run `broadside sync` and commit the updated translation files.');
      }
    });
}
