import type { BuildResult } from '../build/build.js';
import { languagesOf } from '../localize/language.js';
import { localize } from '../localize/localize.js';
import type { Project } from '../model/project.js';
import { artifactPath } from '../writers/paths.js';
import { statusLineHtml, type StatusLine } from './status-line.js';

export interface RebuildStatus {
  finishedAt: Date;
  durationMs: number;
  /** The HTML and text are made, the PDFs still being printed. */
  pdfPending: boolean;
  /** Counts rebuilds, for the links (see statusLineHtml). */
  number: number;
}

/**
 * Each page's status line, by the page's path in the output, in the page's language (the interface
 * strings and their translations, as the templates use them). Pure.
 */
export function statusLines(project: Project, result: BuildResult, status: RebuildStatus): Map<string, string> {
  const languages = languagesOf(project.config);
  const source = languages.find((l) => l.isSource)!;
  const statement = project.statements[0];
  const lines = new Map<string, string>();
  if (!statement) return lines;
  const t = new Map(languages.map((l) => [l.code, localize(statement, l, source, project.interfaceStrings, project.translations.get(l.code)).t]));
  const artifacts = new Map(result.artifacts.map((a) => [a.path, a]));
  for (const page of result.artifacts.filter((a) => a.format === 'html')) {
    const language = languages.find((l) => l.code === page.lang);
    const tr = t.get(page.lang);
    if (!language || !tr) continue;
    const time = new Intl.DateTimeFormat(language.locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(status.finishedAt);
    const seconds = new Intl.NumberFormat(language.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(status.durationMs / 1000);
    const files: StatusLine['files'] = [];
    const pdf = artifacts.get(artifactPath(page.statement, page.lang, 'pdf'));
    const text = artifacts.get(artifactPath(page.statement, page.lang, 'txt'));
    if (pdf) {
      // Pending: the page was made by this rebuild, its PDF not yet.
      const stale = status.pdfPending && page.status === 'built' && pdf.status !== 'built';
      files.push(stale ? { label: tr('downloadPdf'), pending: tr('previewPdfPending') } : { label: tr('downloadPdf'), href: fileName(pdf.path) });
    }
    if (text) files.push({ label: tr('downloadText'), href: fileName(text.path) });
    const line: StatusLine = { lang: language.code, dir: language.dir, rebuilt: tr('previewRebuilt', { time, seconds }), files };
    lines.set(page.path, statusLineHtml(line, status.number));
  }
  return lines;
}

/** The files of an edition sit beside its page, so a page links them by name. */
function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
