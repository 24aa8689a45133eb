import type { Assets } from '../writers/paths.js';
import type { LocalizedStatement } from '../localize/localize.js';
import { sha256, sha256Json } from '../manifest/hash.js';
import { compareText } from '../plan/artifacts.js';
import { marginText, pdfMetadata } from '../pdf/metadata.js';

/**
 * An artifact's cache key: the hash of Broadside's own code (`code`, from codeIdentity: its version
 * and a hash of its code and templates) and of everything the artifact is made of, taken after
 * rendering, so that any change that reaches the output (an input, a template, a font, an option
 * such as --paper or SOURCE_DATE_EPOCH, the code that prints) changes the key and nothing else does.
 */
export function textKey(code: string, format: string, content: string): string {
  return sha256Json({ broadside: code, format, content: sha256(content) });
}

export interface PdfSources {
  html: string;
  printCss: string;
  assets: string;
  creator: string;
  fixedDate?: Date;
}

/** A PDF is a function of its page, its print stylesheet, the shared assets and its document information. */
export function pdfKey(code: string, doc: LocalizedStatement, sources: PdfSources): string {
  const metadata = pdfMetadata(doc, sources.creator, sources.fixedDate);
  return sha256Json({
    broadside: code,
    format: 'pdf',
    html: sha256(sources.html),
    printCss: sha256(sources.printCss),
    assets: sources.assets,
    metadata: { ...metadata, date: metadata.date.toISOString() },
    margins: marginText(doc),
  });
}

/** One hash for the shared stylesheet and fonts, those given to the printer included. */
export function assetsDigest(assets: Assets): string {
  const digest = (files: Map<string, Buffer>): [string, string][] => [...files].sort(([a], [b]) => compareText(a, b)).map(([path, data]) => [path, sha256(data)]);
  return sha256Json({ files: digest(assets.files), print: digest(assets.print) });
}
