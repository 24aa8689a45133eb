import { isParallel } from '../editions/edition.js';
import { parallelOutline } from '../editions/outline.js';
import { describe } from '../localize/describe.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { plainText } from '../render/inline.js';
import { scriptOf } from '../model/languages.js';
import { flatInline } from '../model/inline.js';
import { segmentsOf } from '../model/statement.js';
import type { PdfMetadata } from './finish.js';
import type { LanguagePassage } from './passage-lang.js';

/** The document information a PDF carries, in the edition's language. Pure. */
export function pdfMetadata(doc: LocalizedStatement, creator: string, fixedDate?: Date): PdfMetadata {
  const { meta, blocks } = doc.statement;
  const title = plainText(doc.segment(meta.title).inline);
  const headings = blocks.flatMap((b) => (b.type === 'heading' ? [plainText(doc.segment(b.segment).inline)] : []));
  return {
    title,
    author: meta.organization ? plainText(doc.segment(meta.organization).inline) : '',
    subject: describe(doc),
    keywords: meta.keywords ? plainText(doc.segment(meta.keywords).inline).split(/[,،]/u).map((keyword) => keyword.trim()).filter(Boolean) : [],
    keywordSeparator: keywordSeparator(doc.language.code),
    language: doc.language.code,
    direction: doc.language.dir,
    creator,
    date: fixedDate ?? new Date(`${meta.date}T00:00:00Z`),
    outlineTitles: isParallel(doc) ? parallelOutline(doc) : [title, ...headings],
    passages: languagePassages(doc),
  };
}

/** Every passage marked with the inline language syntax, in every language the document sets. */
function languagePassages(doc: LocalizedStatement): LanguagePassage[] {
  return (isParallel(doc) ? doc.parallel.docs : [doc]).flatMap((member) =>
    segmentsOf(member.statement).flatMap((segment) => {
      const localized = member.segment(segment);
      return flatInline(localized.inline).flatMap((node) => (node.type === 'language' ? [{ text: plainText(node.children), lang: node.lang, within: localized.lang }] : []));
    }),
  );
}

/** Text set only in the page margins (running head, "page N of M"), whose fonts are loaded before printing. */
export function marginText(doc: LocalizedStatement): string {
  return `${plainText(doc.segment(doc.statement.meta.title).inline)} ${doc.t('pageOf', { page: '0123456789', pages: '٠١٢٣٤٥٦٧٨٩' })}`;
}

/** Languages in Arabic script separate the items of a list with the Arabic comma. */
export function keywordSeparator(code: string): string {
  return scriptOf(code) === 'Arab' ? '، ' : ', ';
}
