import { isParallel } from '../editions/edition.js';
import { PdfError } from '../errors.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Finding } from '../model/finding.js';
import type { Project } from '../model/project.js';
import { segmentsOf } from '../model/statement.js';

/** What to install for the scripts people most often meet without a font (Debian and Ubuntu package names). */
const FONT_HINT = 'install a font that has them on the machine that builds the PDFs (on Debian and Ubuntu: fonts-noto-cjk for Chinese, Japanese and Korean, fonts-noto-core for most other scripts; Chromium finds fonts through fontconfig)';

/**
 * The warning for a PDF that draws characters as empty boxes (`chars`, in the order the PDF draws
 * them), at the text that holds the first of them, so a person can see which text it is.
 */
export function unshownFinding(project: Project, doc: LocalizedStatement, pdf: string, chars: string): Finding {
  const members = isParallel(doc) ? doc.parallel.docs : [doc];
  const listed = [...chars];
  return {
    check: 'unshown-characters',
    severity: 'warning',
    ...whereWritten(project, doc, members, listed[0]!),
    statement: doc.statement.id,
    lang: members.map((m) => m.language.code).join(','),
    message: `${pdf} draws ${listed.length} character(s) as empty boxes, because neither Broadside's fonts nor any font on this machine has them: ${listed.slice(0, 12).join(' ')}${listed.length > 12 ? ' …' : ''}. How to fix: ${FONT_HINT}, then build again. The HTML is not affected: readers' browsers use their own fonts.`,
  };
}

/** The entry of the editions' translations that holds `char`, else the statement's passage; else (a date the language formats) its translation file. */
function whereWritten(project: Project, doc: LocalizedStatement, members: LocalizedStatement[], char: string): { file: string; line: number; column: number } {
  const translations = members.map((m) => project.translations.get(m.language.code)).filter((t) => t !== undefined);
  for (const translation of translations) {
    const entry = [...(translation.statements.get(doc.statement.id)?.values() ?? []), ...translation.interface.values()].find((e) => e.text.includes(char));
    if (entry) return { file: translation.file, line: entry.line, column: entry.column };
  }
  const segment = segmentsOf(doc.statement).find((s) => s.source.includes(char));
  if (segment) return { file: doc.statement.file, line: segment.line, column: segment.column };
  return { file: translations[0]?.file ?? doc.statement.file, line: 1, column: 1 };
}

/** `build --strict`: a PDF with empty boxes is not published. */
export function unshownError(findings: Map<string, Finding>): PdfError {
  const pdfs = [...findings.keys()];
  const [first] = findings.values();
  return new PdfError(
    `${pdfs.length === 1 ? 'a PDF' : `${pdfs.length} PDFs`} would draw characters as empty boxes, for want of a font (${pdfs.join(', ')}); nothing was written`,
    first && { file: first.file, line: first.line, column: first.column },
    `${FONT_HINT}, or build without --strict to publish them with the boxes.`,
  );
}
