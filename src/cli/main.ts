import './zod-jitless.js';
import { Command, CommanderError } from 'commander';
import { BroadsideError, ExitCode, exitCodeDescriptions, UsageError } from '../errors.js';
import { failureSummary } from '../report/build-summary.js';
import { failureDocument } from '../report/failure.js';
import { STATUS_SCHEMA_VERSION } from '../status/status.js';
import { registerBrowser } from './commands/browser.js';
import { registerAddLang } from './commands/add-lang.js';
import { registerBuild } from './commands/build.js';
import { registerInit } from './commands/init.js';
import { registerMerge } from './commands/merge.js';
import { registerPreview } from './commands/preview.js';
import { registerCheck } from './commands/check.js';
import { registerReview } from './commands/review.js';
import { registerStatus } from './commands/status.js';
import { registerSync } from './commands/sync.js';
import { registerXliff } from './commands/xliff.js';
import { registerRelease } from './commands/release.js';
import { registerVerify } from './commands/verify.js';
import type { CliProcess } from './io.js';
import { PROJECT_OPTION, ProjectLocator } from './project.js';
import { VERSION } from '../version.js';


function exitCodeHelp(): string {
  const rows = Object.entries(exitCodeDescriptions).map(([code, text]) => `  ${code.padStart(3)}  ${text}`);
  return `\nExit codes:\n${rows.join('\n')}\n`;
}

/** Runs the CLI and returns the exit code; never calls process.exit, never prints a stack trace. */
export async function main(argv: string[], proc: CliProcess): Promise<number> {
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  proc.on?.('SIGINT', interrupt);
  proc.on?.('SIGTERM', interrupt);
  const program = new Command('broadside')
    .description('Publish one statement in many languages as HTML, print-ready PDF and plain text.')
    .version(VERSION)
    .exitOverride()
    // Options after a command name belong to it (`xliff export --version 1.2` is not `broadside --version`).
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => proc.stdout.write(s), writeErr: (s) => proc.stderr.write(s) })
    .addHelpText('after', exitCodeHelp())
    .showHelpAfterError('(run `broadside --help` for usage)')
    .option(...PROJECT_OPTION);
  const project = new ProjectLocator(proc);
  registerBuild(program, proc, project, controller.signal);
  registerMerge(program, proc, project);
  registerVerify(program, proc, project);
  registerRelease(program, proc, project);
  registerPreview(program, proc, project, controller.signal);
  registerStatus(program, proc, project);
  registerCheck(program, proc, project);
  registerBrowser(program, proc, project);
  registerSync(program, proc, project);
  registerAddLang(program, proc, project);
  registerXliff(program, proc, project);
  registerReview(program, proc, project, controller.signal);
  // Every command takes --project after its name too; the one given there counts. (init takes a folder instead.)
  for (const command of leafCommands(program)) command.option(...PROJECT_OPTION);
  registerInit(program, proc, project);
  program.hook('preAction', (_program, action) => {
    project.named = (action.opts().project as string | undefined) ?? (program.opts().project as string | undefined);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, proc, argv);
  } finally {
    proc.off?.('SIGINT', interrupt);
    proc.off?.('SIGTERM', interrupt);
  }
}

function leafCommands(command: Command): Command[] {
  return command.commands.length ? command.commands.flatMap(leafCommands) : [command];
}

/** The JSON a command's --json prints on stdout when it fails before it has a report of its own. */
const JSON_FAILURES: Record<string, (error: unknown) => string> = {
  build: (error) => failureSummary(error, undefined),
  status: (error) => failureDocument(error, STATUS_SCHEMA_VERSION),
};

function reportError(error: unknown, proc: CliProcess, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return ExitCode.ok;
    // A program that asked for JSON reads stdout: it gets JSON for a mistyped command line too.
    const jsonFailure = argv.includes('--json') ? JSON_FAILURES[argv[0] ?? ''] : undefined;
    if (jsonFailure) proc.stdout.write(jsonFailure(new UsageError(error.message.replace(/^error: /, ''))));
    return ExitCode.usage;
  }
  if (error instanceof BroadsideError) {
    proc.stderr.write(`error: ${error.format()}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  proc.stderr.write(`internal error: ${message}\nThis is a bug in Broadside. Please report it with the command you ran.\n`);
  if (proc.env.BROADSIDE_DEBUG && error instanceof Error) proc.stderr.write(`${error.stack}\n`);
  return ExitCode.internal;
}
