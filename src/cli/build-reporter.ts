import type { BuildEvents, BuildResult } from '../build/build.js';
import type { Gate } from '../build/gate.js';
import { formatLocation } from '../errors.js';
import type { Finding } from '../model/finding.js';
import type { Shard } from '../plan/shard.js';
import { annotation } from '../report/annotation.js';
import { failureSummary, successSummary } from '../report/build-summary.js';
import type { CliProcess } from './io.js';
import { ProgressBar } from './progress.js';
import { paint, terminalOf } from './terminal.js';

export interface ReportFlags {
  quiet?: boolean;
  json?: boolean;
  shard?: Shard;
  /** The output folder as typed with --out, to show in place of the absolute path. */
  out?: string;
}

/**
 * What `broadside build` prints. stderr: findings, a progress bar on a terminal, one closing line.
 * stdout: the --json summary, else (in GitHub Actions) the workflow annotations, which go to stderr
 * with --json so that stdout stays JSON.
 */
export function buildReporter(proc: CliProcess, flags: ReportFlags): { events: BuildEvents; succeeded(result: BuildResult): void; failed(error: unknown): void } {
  const terminal = terminalOf(proc, flags.quiet);
  const bar = terminal.live ? new ProgressBar(proc.stderr, terminal.color) : undefined;
  const annotations = flags.json ? proc.stderr : proc.stdout;
  let gate: Gate | undefined;

  // In GitHub Actions a finding is printed once, as an annotation: the log shows it as a line too.
  const report = (findings: Finding[]): void => {
    for (const f of findings) {
      if (terminal.github) annotations.write(annotation(f));
      else proc.stderr.write(`${paint(terminal.color, f.severity === 'error' ? 'red' : 'yellow', f.severity)}: ${formatLocation({ file: f.file, line: f.line, column: f.column })}: ${f.message}\n`);
    }
  };

  return {
    events: {
      onFindings(found) {
        gate = found;
        if (!flags.quiet) report(found.warnings);
        report(found.errors);
      },
      onPlan(artifacts) {
        bar?.start(artifacts.length, artifacts.filter((a) => a.status !== 'built').length);
      },
      onArtifact(path) {
        bar?.advance(path);
      },
      onPrintWarnings(findings) {
        bar?.clear();
        if (!flags.quiet) report(findings);
      },
    },
    succeeded(result) {
      bar?.clear();
      if (flags.json) proc.stdout.write(successSummary(result, flags.shard));
      if (!flags.quiet) proc.stderr.write(`${closingLine(result, flags.out ?? result.outDir)}\n`);
    },
    failed(error) {
      bar?.clear();
      if (flags.json) proc.stdout.write(failureSummary(error, gate));
    },
  };
}

function closingLine(result: BuildResult, outDir: string): string {
  const count = (status: string): number => result.artifacts.filter((a) => a.status === status).length;
  if (!result.changed) return `Up to date: nothing written; the ${result.artifacts.length} files in ${outDir} match their sources`;
  const parts = [['built', count('built')], ['up to date', count('reused')], ['kept', count('kept')]] as const;
  const detail = count('built') === result.artifacts.length ? '' : ` (${parts.filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`).join(', ')})`;
  return `Wrote ${result.artifacts.length} files to ${outDir}${detail}${pageCounts(result)}`;
}

/** "; PDF pages: en 2, he 1" for the PDFs this build printed. */
function pageCounts(result: BuildResult): string {
  const printed = result.artifacts.filter((a) => a.format === 'pdf' && a.status === 'built' && a.pages !== undefined);
  return printed.length ? `; PDF pages: ${printed.map((a) => `${a.lang} ${a.pages}`).join(', ')}` : '';
}
