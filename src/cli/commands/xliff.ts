import { InvalidArgumentError, type Command } from 'commander';
import { XLIFF_VERSIONS, type XliffVersion } from '../../xliff/write.js';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface ExportFlags {
  version: XliffVersion;
  out?: string;
}

function xliffVersion(value: string): XliffVersion {
  if (!(XLIFF_VERSIONS as readonly string[]).includes(value)) throw new InvalidArgumentError(`choose from ${XLIFF_VERSIONS.join(', ')}.`);
  return value as XliffVersion;
}

export function registerXliff(program: Command, proc: CliProcess, project: ProjectLocator): void {
  const xliff = program.command('xliff').description('exchange translations with professional translation tools (CAT tools) as XLIFF');
  xliff
    .command('export')
    .description('write one language’s passages, with their state, notes and direction, as XLIFF')
    .argument('<lang>', 'language code, such as he')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('--version <version>', `XLIFF version (${XLIFF_VERSIONS.join(' or ')})`, xliffVersion, '2.0')
    .option('-o, --out <file>', 'where to write it; "-" for standard output (default: xliff/<lang>-<version>.xlf in the project)')
    .action(async (lang: string, statements: string[], flags: ExportFlags) => {
      const { exportXliff } = await import('../../xliff.js');
      const { writeFileAtomic } = await import('../../io/atomic-write.js');
      const { text, units, defaultPath } = await exportXliff({ root: await project.root(), lang, statements, version: flags.version });
      if (flags.out === '-') {
        proc.stdout.write(text);
        return;
      }
      const path = flags.out ? project.typed(flags.out) : defaultPath;
      await writeFileAtomic(path, text);
      proc.stdout.write(`Wrote ${units} unit(s) to ${project.shown(path, flags.out)} (XLIFF ${flags.version})\n`);
    });
  xliff
    .command('import')
    .description('check a translated XLIFF file against the current statements and write its translations into the translation file')
    .argument('<file>', 'the .xlf file your translation tool saved')
    .action(async (file: string) => {
      const { importXliffFile } = await import('../../xliff.js');
      const result = await importXliffFile(await project.root(), project.typed(file), file);
      const changed = result.translated.length + result.confirmed.length;
      proc.stdout.write(
        changed
          ? `${result.translationFile}: ${result.translated.length} translation(s) imported, ${result.confirmed.length} confirmed for the current source, ${result.unchanged} unchanged\n`
          : `${result.translationFile}: nothing to import; the translations are the same as in the file\n`,
      );
    });
}
