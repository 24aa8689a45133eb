import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

export function registerVerify(program: Command, proc: CliProcess, project: ProjectLocator): void {
  program
    .command('verify')
    .description('re-hash a build or an unpacked release archive and compare it with its manifest.json')
    .argument('[dir]', 'the folder to verify (default: config `output`, dist)')
    .addHelpText('after', `\nExits ${ExitCode.verifyFailed} and lists each file that changed, is missing or is extra.`)
    .action(async (dir: string | undefined) => {
      const { outputDir } = await import('../../io/output-dir.js');
      const { verifyError, verifyOutput } = await import('../../verify/verify.js');
      const report = await verifyOutput(await outputDir(project.cwd, await project.find(), dir));
      if (report.problems.length) throw verifyError(report);
      proc.stdout.write(`OK: the ${report.checked} files in ${dir ?? report.dir} match its manifest.json\n`);
    });
}
