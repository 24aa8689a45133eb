/**
 * Every failure Broadside expects is a BroadsideError with an exit code; anything else is a bug.
 * The CLI prints `message` (and `hint`) and exits with `exitCode`, never a stack trace.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  config: 3,
  input: 4,
  incomplete: 5,
  checkFailed: 6,
  browserMissing: 7,
  pdfFailed: 8,
  outOfSync: 9,
  verifyFailed: 10,
  mergeConflict: 11,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodeDescriptions: Record<ExitCode, string> = {
  [ExitCode.ok]: 'success',
  [ExitCode.internal]: 'internal error (a bug in Broadside; please report it)',
  [ExitCode.usage]: 'wrong command-line usage',
  [ExitCode.config]: 'invalid configuration (broadside.yaml)',
  [ExitCode.input]: 'invalid input: a statement, translation or termbase (terms.yaml) file cannot be read',
  [ExitCode.incomplete]: '--strict or --min: a language is incomplete or out of date',
  [ExitCode.checkFailed]: 'a translation check found errors (`check`, `build --strict`, `xliff import --strict`)',
  [ExitCode.browserMissing]: 'no browser found for PDF output',
  [ExitCode.pdfFailed]: 'the browser failed or timed out while printing a PDF, a PDF takes more pages than maxPages allows, or (--strict) a PDF would draw characters no font has as empty boxes',
  [ExitCode.outOfSync]: 'sync --check: a translation file is not in line with the statements (run `broadside sync`)',
  [ExitCode.verifyFailed]: 'verify, release, merge: an output does not match its manifest.json (a file changed, missing or extra, or no valid manifest)',
  [ExitCode.mergeConflict]: 'merge: the outputs disagree (the same file with different content, or built from different sources)',
  [ExitCode.interrupted]: 'interrupted (SIGINT/SIGTERM); the previous output is intact',
};

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export class BroadsideError extends Error {
  readonly exitCode: ExitCode = ExitCode.internal;
  constructor(
    message: string,
    readonly location?: SourceLocation,
    readonly hint?: string,
    readonly frame?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** "file:line:column: message" followed by the code frame and the hint, as a person reads it. */
  format(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    const parts = [`${where}${this.message}`];
    if (this.frame) parts.push(this.frame);
    if (this.hint) parts.push(`How to fix: ${this.hint}`);
    return parts.join('\n');
  }
}

export function formatLocation({ file, line, column }: SourceLocation): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

export class UsageError extends BroadsideError {
  override readonly exitCode = ExitCode.usage;
}
export class ConfigError extends BroadsideError {
  override readonly exitCode = ExitCode.config;
}
export class InputError extends BroadsideError {
  override readonly exitCode = ExitCode.input;
}
export class IncompleteError extends BroadsideError {
  override readonly exitCode = ExitCode.incomplete;
}
export class CheckFailedError extends BroadsideError {
  override readonly exitCode = ExitCode.checkFailed;
}
export class BrowserMissingError extends BroadsideError {
  override readonly exitCode = ExitCode.browserMissing;
}
export class PdfError extends BroadsideError {
  override readonly exitCode = ExitCode.pdfFailed;
}
export class OutOfSyncError extends BroadsideError {
  override readonly exitCode = ExitCode.outOfSync;
}
export class VerifyError extends BroadsideError {
  override readonly exitCode = ExitCode.verifyFailed;
}
export class MergeConflictError extends BroadsideError {
  override readonly exitCode = ExitCode.mergeConflict;
}
export class InterruptedError extends BroadsideError {
  override readonly exitCode = ExitCode.interrupted;
}
