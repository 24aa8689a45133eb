import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

export function registerRelease(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('release')
    .description('pack a verified build into reproducible NAME.tar.gz and NAME.zip archives plus SHA256SUMS')
    .argument('[dir]', 'the build to pack (default: config `output`, dist)')
    .option('-o, --out <dir>', 'folder for the archives and SHA256SUMS (default: release in the project, else in the current folder)')
    .option('--name <name>', 'archive file names and their top folder (default: the build folder’s name)')
    .action(async (dir: string | undefined, flags: { out?: string; name?: string }) => {
      const { outputDir } = await import('../../io/output-dir.js');
      const { release } = await import('../../release/release.js');
      const out = flags.out === undefined ? join((await project.find()) ?? project.cwd, 'release') : project.typed(flags.out);
      const archives = await release({ dir: await outputDir(project.cwd, await project.find(), dir), out, name: flags.name, env: proc.env });
      for (const archive of archives) proc.stdout.write(`${archive.sha256}  ${archive.path}\n`);
      proc.stderr.write(`Wrote ${archives.map((a) => a.path).join(', ')} and SHA256SUMS to ${project.shown(out, flags.out)}\n`);
    });
}
