import { join, resolve } from 'node:path';
import { checkTranslations } from '../checks/check.js';
import { REVIEW_FOLDER } from '../config/schema.js';
import { BrowserMissingError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadAssets } from '../io/assets.js';
import { loadProject, TEMPLATES_DIR } from '../io/project.js';
import { selectStatements } from '../model/project.js';
import { printReviewPdf } from '../io/review-pdf.js';
import { languagesOf } from '../localize/language.js';
import { reviewDocument } from './document.js';
import { translatedLanguages } from '../model/translated-languages.js';
import { VERSION } from '../version.js';
import { PAPER_CSS } from '../writers/print-css.js';
import { reviewTitle, writeReviewHtml } from './html.js';

export interface ReviewOptions {
  root: string;
  lang: string;
  statements?: string[];
  /** Folder to write into; default review/ in the project, apart from the build output. */
  out?: string;
  /** Also print a PDF (when a browser is available). */
  pdf?: boolean;
  /** The date shown as "prepared"; default today. */
  date?: Date;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface ReviewResult {
  html: string;
  pdf?: string;
  /** Why there is no PDF, when one was wanted. */
  pdfSkipped?: string;
}

/** `broadside review`: the bilingual review document of one language, as HTML and, if possible, PDF. */
export async function writeReview(options: ReviewOptions): Promise<ReviewResult> {
  const project = await loadProject(options.root);
  const [target] = translatedLanguages(project.config, [options.lang]);
  const statements = selectStatements(project, options.statements ?? []);
  const report = checkTranslations(project, { statements: statements.map((s) => s.id), langs: [target!.code] });
  const document = reviewDocument({
      statements,
      interfaceStrings: project.interfaceStrings,
      translation: project.translations.get(target!.code),
      source: languagesOf(project.config).find((l) => l.isSource)!,
      target: target!,
      findings: report.findings,
      date: (options.date ?? new Date()).toISOString().slice(0, 10),
      generator: `Broadside ${VERSION}`,
  });
  const html = writeReviewHtml(document, { paper: PAPER_CSS[target!.paper] });
  const dir = resolve(options.root, options.out ?? REVIEW_FOLDER);
  const result: ReviewResult = { html: join(dir, `${target!.code}.html`) };
  await writeFileAtomic(result.html, html);
  if (options.pdf === false) return result;
  try {
    const pdf = await printReviewPdf(html, {
      config: project.config,
      env: options.env,
      assets: await loadAssets(TEMPLATES_DIR),
      title: reviewTitle(document),
      language: document.source,
      creator: document.generator,
      date: new Date(`${document.date}T00:00:00Z`),
      signal: options.signal,
    });
    result.pdf = join(dir, `${target!.code}.pdf`);
    await writeFileAtomic(result.pdf, pdf);
  } catch (error) {
    if (!(error instanceof BrowserMissingError)) throw error;
    result.pdfSkipped = error.message;
  }
  return result;
}
