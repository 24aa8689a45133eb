import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliProcess } from '../io.js';

export function registerRelease(program: Command, proc: CliProcess): void {
  program
    .command('release')
    .description('pack a verified build into reproducible NAME.tar.gz and NAME.zip archives plus SHA256SUMS')
    .argument('[dir]', 'the build to pack (default: config `output`, dist)')
    .option('-o, --out <dir>', 'folder for the archives and SHA256SUMS', 'release')
    .option('--name <name>', 'archive file names and their top folder (default: the build folder’s name)')
    .action(async (dir: string | undefined, flags: { out: string; name?: string }) => {
      const { outputDir } = await import('../../io/output-dir.js');
      const { release } = await import('../../release.js');
      const out = resolve(proc.cwd(), flags.out);
      const archives = await release({ dir: await outputDir(proc.cwd(), dir), out, name: flags.name, env: proc.env });
      for (const archive of archives) proc.stdout.write(`${archive.sha256}  ${archive.path}\n`);
      proc.stderr.write(`Wrote ${archives.map((a) => a.path).join(', ')} and SHA256SUMS to ${out}\n`);
    });
}
