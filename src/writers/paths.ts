/** Where each artifact lives in the output folder; the one place that knows the layout. */
import type { Format } from './registry.js';

export type { Format };

export function artifactPath(statement: string, lang: string, format: Format): string {
  return format === 'html' ? `${statement}/${lang}/index.html` : `${statement}/${lang}/${statement}.${lang}.${format}`;
}

export function printStylesheetPath(statement: string, lang: string): string {
  return `${statement}/${lang}/print.css`;
}

export const ASSETS_DIR = 'assets';
/** The shared files under ASSETS_DIR (the stylesheet and the fonts), by path relative to it. */
export interface Assets {
  /** What the output holds under ASSETS_DIR. */
  files: Map<string, Buffer>;
  /** What the printer is given in place of some of them, or beside them (whole fonts; see FontFamily.print). */
  print: Map<string, Buffer>;
}
export const INDEX_PATH = 'index.html';
/** The list of every file in the output with its hash; see docs/publishing.md. */
export const MANIFEST_PATH = 'manifest.json';
