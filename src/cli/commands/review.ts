import type { Command } from 'commander';
import type { CliProcess } from '../io.js';
import type { ProjectLocator } from '../project.js';

interface ReviewFlags {
  out?: string;
  pdf: boolean;
}

export function registerReview(program: Command, proc: CliProcess, project: ProjectLocator, signal: AbortSignal): void {
  program
    .command('review')
    .description('write a bilingual review document (HTML, and PDF when a browser is available) for translators and reviewers')
    .argument('<lang>', 'language code, such as he')
    .argument('[statements...]', 'statement ids (file names without .md); default: all')
    .option('-o, --out <dir>', 'folder to write into (default: review in the project)')
    .option('--no-pdf', 'write the HTML only')
    .action(async (lang: string, statements: string[], flags: ReviewFlags) => {
      const { writeReview } = await import('../../review/review.js');
      const root = await project.root();
      const { sourceDateEpoch } = await import('../../build/source-date.js');
      const date = sourceDateEpoch(proc.env);
      const result = await writeReview({ root, lang, statements, out: flags.out === undefined ? undefined : project.typed(flags.out), pdf: flags.pdf, date, env: proc.env, signal });
      for (const path of [result.html, result.pdf]) if (path) proc.stdout.write(`Wrote ${project.shown(path, flags.out)}\n`);
      if (result.pdfSkipped) proc.stderr.write(`note: no PDF: ${result.pdfSkipped}\n`);
    });
}
