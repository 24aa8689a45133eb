import type { Project } from '../model/project.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { ArtifactId } from '../plan/artifacts.js';
import { folderOf, isParallel } from '../editions/edition.js';
import { writeEditionHtml } from '../writers/edition-html.js';
import { writeEditionPrintCss } from '../writers/edition-print-css.js';
import { writeHtml, type Edition } from '../writers/html.js';
import { writePrintCss } from '../writers/print-css.js';
import { FORMATS, WRITERS, type Format } from '../writers/registry.js';
import type { Config } from '../config/schema.js';

export interface EditionRenderer {
  /** The project's configuration, for writers that take settings from it. */
  readonly config: Config;
  doc(edition: { statement: string; lang: string }): LocalizedStatement;
  html(doc: LocalizedStatement): string;
  printCss(doc: LocalizedStatement): string;
  /** The print stylesheet tightened to a fit level, to end on fewer pages. */
  fittedPrintCss(doc: LocalizedStatement, level: number): string;
}

/**
 * Renders each edition's page and print stylesheet on demand, each at most once. A page
 * links the formats its edition has among `inOutput`, so every shard renders the same page. Pure.
 */
export function editionRenderer(project: Project, docs: readonly LocalizedStatement[], editions: Edition[], inOutput: readonly ArtifactId[]): EditionRenderer {
  const byEdition = new Map(docs.map((d) => [editionId(d.statement.id, folderOf(d)), d]));
  const formats = new Map<string, Format[]>();
  for (const a of inOutput) formats.set(editionId(a.statement, a.lang), [...(formats.get(editionId(a.statement, a.lang)) ?? []), a.format]);
  const context = (doc: LocalizedStatement): Parameters<typeof writeHtml>[1] => {
    const present = formats.get(editionId(doc.statement.id, folderOf(doc))) ?? [];
    const downloads = FORMATS.flatMap((format) => {
      const download = WRITERS[format].download;
      return download && present.includes(format) ? [{ format, ...download }] : [];
    });
    return { editions, downloads, baseUrl: project.config.baseUrl, template: project.templates.page };
  };
  const printCss = (doc: LocalizedStatement, level?: number): string =>
    isParallel(doc) ? writeEditionPrintCss(doc, project.templates.editionPrint, level) : writePrintCss(doc, project.templates.print, level);
  return {
    config: project.config,
    doc: ({ statement, lang }) => byEdition.get(editionId(statement, lang))!,
    html: once((doc) => (isParallel(doc) ? writeEditionHtml(doc, { ...context(doc), template: project.templates.edition }) : writeHtml(doc, context(doc)))),
    printCss: once((doc) => printCss(doc)),
    fittedPrintCss: (doc, level) => printCss(doc, level),
  };
}

function editionId(statement: string, lang: string): string {
  return `${statement}/${lang}`;
}

function once(render: (doc: LocalizedStatement) => string): (doc: LocalizedStatement) => string {
  const done = new Map<LocalizedStatement, string>();
  return (doc) => {
    if (!done.has(doc)) done.set(doc, render(doc));
    return done.get(doc)!;
  };
}
