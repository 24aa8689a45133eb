import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_PREVIEW_PORT } from '../../preview/default-port.js';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface PreviewFlags {
  port?: number;
  out?: string;
  watch: boolean;
}

function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535) throw new InvalidArgumentError('give a port number from 1 to 65535, e.g. --port 8080 (0 picks any free port).');
  return number;
}

export function registerPreview(program: Command, proc: CliProcess, project: ProjectLocator, signal: AbortSignal): void {
  program
    .command('preview')
    .description('build, serve the output on 127.0.0.1 and reload the page after every rebuild; rebuild when a statement, translation, template or broadside.yaml is saved')
    .option('-p, --port <number>', `port to serve on (default: ${DEFAULT_PREVIEW_PORT}, or the next free one)`, port)
    .option('-o, --out <dir>', 'output folder to build and serve (default: config `output`, dist)')
    .option('--no-watch', 'build once and serve, without rebuilding on save')
    .action(async (flags: PreviewFlags) => {
      const { preview } = await import('../../preview/preview.js');
      const { reportRebuilds } = await import('../rebuild-report.js');
      await preview({
        build: { root: await project.root(), out: flags.out === undefined ? undefined : project.typed(flags.out), env: proc.env },
        port: flags.port,
        watch: flags.watch,
        signal,
        onListening: (url) => proc.stdout.write(`Previewing at ${url} (Ctrl-C stops)\n`),
        ...reportRebuilds(proc),
      });
    });
}
