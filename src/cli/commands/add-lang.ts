import type { Command } from 'commander';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

export function registerAddLang(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('add-lang')
    .description('add a language: list it in broadside.yaml and create its translation file with every passage to translate')
    .argument('<code>', 'BCP 47 language code, such as de, pt-BR, zh-Hant or fa')
    .option('--force', 'add a code the Unicode CLDR data does not know (a private-use or very new code)')
    .action(async (code: string, flags: { force?: boolean }) => {
      const { addLanguage } = await import('../../add-lang/add-lang.js');
      const added = await addLanguage(await project.root(), code, { force: flags.force });
      const direction = added.dir === 'rtl' ? 'right-to-left' : 'left-to-right';
      const file = added.keptExisting ? `kept and completed the existing ${added.translationFile}` : `created ${added.translationFile}`;
      proc.stdout.write(`Added ${added.name} (${added.code}, ${direction}) to ${added.configFile}; ${file}: ${added.toTranslate} passage(s) to translate.\n`);
    });
}
