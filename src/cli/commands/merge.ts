import type { Command } from 'commander';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

export function registerMerge(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('merge')
    .description('combine the outputs of `build --shard K/N` into one folder with one manifest.json')
    .argument('<dirs...>', 'the build folders to combine')
    .option('-o, --out <dir>', 'the combined output (default: config `output`, dist)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      const { outputDir } = await import('../../io/output-dir.js');
      const { mergeOutputs } = await import('../../merge/merge.js');
      const merged = await mergeOutputs(
        dirs.map((dir) => project.typed(dir)),
        await outputDir(project.cwd, await project.find(), flags.out),
      );
      proc.stderr.write(`Merged ${dirs.length} folder(s): ${merged.manifest.artifacts.length} files in ${flags.out ?? merged.outDir}\n`);
    });
}
