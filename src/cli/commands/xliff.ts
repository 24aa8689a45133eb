import { InvalidArgumentError, type Command } from 'commander';
import { CheckFailedError } from '../../errors.js';
import { DEFAULT_XLIFF_VERSION, XLIFF_VERSIONS, type XliffVersion } from '../../xliff/write.js';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface ExportFlags {
  version: XliffVersion;
  out?: string;
  copySource?: boolean;
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
    .option('--version <version>', `XLIFF version: 1.2 for OmegaT, translate-toolkit and most CAT tools; 2.0 for tools that read it (${XLIFF_VERSIONS.join(' or ')})`, xliffVersion, DEFAULT_XLIFF_VERSION)
    .option('--copy-source', 'put the current English in the target of every untranslated or out-of-date unit, marked not translated (for OmegaT and tools that translate the target)')
    .option('-o, --out <file>', 'where to write it; "-" for standard output (default: xliff/<lang>-<version>.xlf in the project)')
    .action(async (lang: string, statements: string[], flags: ExportFlags) => {
      const { exportXliff } = await import('../../xliff/xliff.js');
      const { writeFileAtomic } = await import('../../io/atomic-write.js');
      const { text, units, defaultPath } = await exportXliff({ root: await project.root(), lang, statements, version: flags.version, copySource: flags.copySource ?? false });
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
    .option('--strict', 'write nothing when a translation check finds an error in the units brought in')
    .action(async (file: string, flags: { strict?: boolean }) => {
      const { importXliffFile } = await import('../../xliff/xliff.js');
      const { FINDING_WRITERS } = await import('../../report/findings.js');
      const result = await importXliffFile(await project.root(), project.typed(file), { strict: flags.strict ?? false, shown: file });
      const changed = result.translated.length + result.confirmed.length;
      const english = result.sameAsSource.length ? `; ${result.sameAsSource.length} left in English (target equal to the source, not marked final) were not taken` : '';
      if (result.checks.findings.length) proc.stdout.write(FINDING_WRITERS.text(result.checks));
      if (changed && !result.written) {
        throw new CheckFailedError(
          `--strict: the translation check found ${result.checks.errors} error(s) in the units of ${file}; nothing was written`,
          undefined,
          'fix them in your tool as each message says, save the file and import it again (or import without --strict to take the translations and fix them in the translation file).',
        );
      }
      proc.stdout.write(
        changed
          ? `${result.translationFile}: ${result.translated.length} translation(s) imported, ${result.confirmed.length} confirmed for the current source, ${result.unchanged} unchanged${english}\n`
          : `${result.translationFile}: nothing to import; the translations are the same as in the file${english}\n`,
      );
    });
}
