import { isParallel } from '../editions/edition.js';
import { PdfError } from '../errors.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Finding } from '../model/finding.js';
import type { Project } from '../model/project.js';
import { segmentsOf } from '../model/statement.js';

/** What to install for the scripts people most often meet without a font (Debian and Ubuntu package names). */
const FONT_HINT = 'install a font that has them on the machine that builds the PDFs (on Debian and Ubuntu: fonts-noto-cjk for Chinese, Japanese and Korean, fonts-noto-core for most other scripts; Chromium finds fonts through fontconfig)';

/**
 * The warning for a PDF that draws characters as empty boxes (`chars`, in the order the page shows
 * them), at the entry of the edition's translations (else the passage of the statement) that holds
 * the first of them, so a person can see which text it is.
 */
export function unshownFinding(project: Project, doc: LocalizedStatement, pdf: string, chars: string): Finding {
  const members = isParallel(doc) ? doc.parallel.docs : [doc];
  const first = [...chars][0]!;
  let at: { file: string; line: number; column: number } | undefined;
  for (const member of members) {
    const translation = project.translations.get(member.language.code);
    const entries = translation ? [...(translation.statements.get(doc.statement.id)?.values() ?? []), ...translation.interface.values()] : [];
    const entry = entries.find((e) => e.text.includes(first));
    if (entry) {
      at = { file: translation!.file, line: entry.line, column: entry.column };
      break;
    }
  }
  // Else in the statement, or made by the language's own formatting (a date): its translation file.
  const segment = at ? undefined : segmentsOf(doc.statement).find((s) => s.source.includes(first));
  const translated = members.map((m) => project.translations.get(m.language.code)).find((t) => t !== undefined);
  at ??= segment ? { file: doc.statement.file, line: segment.line, column: segment.column } : { file: translated?.file ?? doc.statement.file, line: 1, column: 1 };
  const shown = [...chars].slice(0, 12).join(' ') + ([...chars].length > 12 ? ' …' : '');
  return {
    check: 'unshown-characters',
    severity: 'warning',
    ...at,
    statement: doc.statement.id,
    lang: members.map((m) => m.language.code).join(','),
    message: `${pdf} draws ${[...chars].length} character(s) as empty boxes, because neither Broadside's fonts nor any font on this machine has them: ${shown}. How to fix: ${FONT_HINT}, then build again. The HTML is not affected: readers' browsers use their own fonts.`,
  };
}

/** `build --strict`: a PDF with empty boxes is not published. */
export function unshownError(findings: Finding[], pdfs: string[]): PdfError {
  const [first] = findings;
  return new PdfError(
    `${pdfs.length === 1 ? 'a PDF' : `${pdfs.length} PDFs`} would draw characters as empty boxes, for want of a font (${pdfs.join(', ')}); nothing was written`,
    first && { file: first.file, line: first.line, column: first.column },
    `${FONT_HINT}, or build without --strict to publish them with the boxes.`,
  );
}
