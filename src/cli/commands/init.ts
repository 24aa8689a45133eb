import type { Command } from 'commander';
import { list, type CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface InitFlags {
  lang: string[];
  githubActions?: boolean;
}

export function registerInit(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('init')
    .description('start a project: broadside.yaml, an example statement, a translation file per language and a .gitignore; never replaces a file')
    .argument('[dir]', 'the folder for the new project, made if needed (default: the current folder)')
    .option('-l, --lang <list>', 'languages to translate into, comma-separated BCP 47 codes, such as he,ar,fr (English is the source)', list, [])
    .option('--github-actions', 'also write .github/workflows/broadside.yml, which checks and builds every pull request')
    .action(async (dir: string | undefined, flags: InitFlags) => {
      const { initProject } = await import('../../init/init.js');
      const typed = dir ?? project.named;
      const epoch = Number(proc.env.SOURCE_DATE_EPOCH);
      const date = Number.isFinite(epoch) && proc.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : undefined;
      const result = await initProject({ dir: project.typed(typed ?? '.'), shownDir: typed ?? 'the current folder', langs: flags.lang, githubActions: flags.githubActions, date });
      for (const path of result.created) proc.stdout.write(`Created ${project.shown(path, typed)}\n`);
      if (result.extended) proc.stdout.write(`Added Broadside's outputs to ${project.shown(result.extended, typed)}\n`);
      const where = typed === undefined ? '' : ` (in ${typed})`;
      proc.stderr.write(`Next: write your statement in statements/, then run \`npx broadside build\`${where}; \`npx broadside status\` shows what is left to translate.\n`);
    });
}
