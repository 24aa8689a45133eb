import { resolve } from 'node:path';
import type { Config } from './config/schema.js';
import { IncompleteError, InterruptedError, UsageError } from './errors.js';
import { loadAssets, type Assets } from './io/assets.js';
import { OutputTransaction } from './io/output.js';
import { loadProject, selectStatements, TEMPLATES_DIR, type Project } from './io/project.js';
import { languagesOf, type Language } from './localize/language.js';
import { localize, type LocalizedStatement } from './localize/localize.js';
import type { Finding } from './model/finding.js';
import type { Edition } from './writers/html.js';
import { writeHtml } from './writers/html.js';
import { writeIndex, type IndexEntry } from './writers/index-page.js';
import { ASSETS_DIR, artifactPath, FORMATS, INDEX_PATH, printStylesheetPath, type Format } from './writers/paths.js';
import { writePrintCss } from './writers/print-css.js';
import { writeText } from './writers/text.js';
import { VERSION } from './version.js';

export interface BuildOptions {
  root: string;
  statements?: string[];
  langs?: string[];
  formats?: Format[];
  out?: string;
  strict?: boolean;
  paper?: Config['pdf']['paper'];
  /** For SOURCE_DATE_EPOCH and PUPPETEER_EXECUTABLE_PATH. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface Artifact {
  path: string;
  statement: string;
  lang: string;
  format: Format;
  bytes: number;
}

export interface BuildResult {
  outDir: string;
  artifacts: Artifact[];
  warnings: Finding[];
}

/** read → model → localize → write: the whole `broadside build`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const project = await loadProject(options.root);
  const { config } = project;
  const statements = selectStatements(project, options.statements ?? []);
  const allLanguages = languagesOf(config).map((l) => (options.paper ? { ...l, paper: options.paper } : l));
  const languages = selectLanguages(allLanguages, options.langs ?? []);
  const formats = options.formats ?? [...FORMATS];
  const source = allLanguages.find((l) => l.isSource)!;

  const docs = statements.flatMap((statement) => allLanguages.map((language) => localize(statement, language, source, project.interfaceStrings, project.translations.get(language.code))));
  const selected = docs.filter((doc) => languages.includes(doc.language));
  const warnings = fallbackWarnings(project, selected);
  if (options.strict && warnings.length) {
    throw new IncompleteError(`${warnings.length} segment(s) are not translated or out of date`, undefined, 'translate them (see `broadside status`) or build without --strict to publish the English original in their place.');
  }

  const editions: Edition[] = allLanguages.map((l) => ({ code: l.code, dir: l.dir, name: docs.find((d) => d.language === l)!.t('languageName') }));
  const files = renderTextFormats(selected, formats, { editions, formats, baseUrl: config.baseUrl, template: project.templates.page }, project, config.text.columns);
  const assets = await loadAssets(TEMPLATES_DIR);
  const pdfs = formats.includes('pdf') ? await renderPdfs(selected, files, assets, config, options) : new Map<string, Uint8Array>();
  checkAborted(options.signal);

  const partial = Boolean(options.statements?.length || options.langs?.length || options.formats);
  const out = resolve(options.root, options.out ?? config.output);
  const transaction = await OutputTransaction.begin(out, partial);
  try {
    for (const [path, data] of assets) await transaction.write(`${ASSETS_DIR}/${path}`, data);
    const artifacts: Artifact[] = [];
    for (const doc of selected) {
      await transaction.write(printStylesheetPath(doc.statement.id, doc.language.code), files.get(printStylesheetPath(doc.statement.id, doc.language.code))!);
      for (const format of formats) {
        const path = artifactPath(doc.statement.id, doc.language.code, format);
        const data = format === 'pdf' ? pdfs.get(path)! : Buffer.from(files.get(path)!);
        await transaction.write(path, data);
        artifacts.push({ path, statement: doc.statement.id, lang: doc.language.code, format, bytes: data.length });
        checkAborted(options.signal);
      }
    }
    await transaction.write(INDEX_PATH, await indexPage(transaction, project, docs, editions, source));
    await transaction.commit();
    return { outDir: transaction.outDir, artifacts, warnings };
  } catch (error) {
    await transaction.abort();
    throw error;
  }
}

function selectLanguages(languages: Language[], requested: string[]): Language[] {
  if (requested.length === 0) return languages;
  return requested.map((code) => {
    const found = languages.find((l) => l.code === code);
    if (!found) throw new UsageError(`the language "${code}" is not configured`, undefined, `choose from: ${languages.map((l) => l.code).join(', ')} (or add it with \`broadside add-lang ${code}\`).`);
    return found;
  });
}

function fallbackWarnings(project: Project, docs: LocalizedStatement[]): Finding[] {
  const findings: Finding[] = [];
  for (const doc of docs) {
    const file = project.translations.get(doc.language.code)?.file ?? `${project.config.translations}/${doc.language.code}.yaml`;
    for (const state of ['missing', 'stale'] as const) {
      for (const key of doc.fallbacks[state]) {
        const what = state === 'missing' ? 'is not translated' : 'is out of date (the English changed since it was translated)';
        findings.push({ check: state, severity: 'warning', file, statement: doc.statement.id, lang: doc.language.code, key, message: `${doc.statement.id}/${doc.language.code}: "${key}" ${what}; the English original is published in its place` });
      }
    }
  }
  return findings;
}

/** HTML, plain text and print stylesheets for every selected edition, in memory. */
function renderTextFormats(
  docs: LocalizedStatement[],
  formats: readonly Format[],
  context: Parameters<typeof writeHtml>[1],
  project: Project,
  columns: number,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const doc of docs) {
    const { id } = doc.statement;
    const lang = doc.language.code;
    files.set(printStylesheetPath(id, lang), writePrintCss(doc, project.templates.print));
    if (formats.includes('html') || formats.includes('pdf')) files.set(artifactPath(id, lang, 'html'), writeHtml(doc, context));
    if (formats.includes('txt')) files.set(artifactPath(id, lang, 'txt'), writeText(doc, { columns }));
  }
  return files;
}

/** Started only when PDFs are wanted: HTML and text builds never load Puppeteer or a browser. */
async function renderPdfs(docs: LocalizedStatement[], files: Map<string, string>, assets: Assets, config: Config, options: BuildOptions): Promise<Map<string, Uint8Array>> {
  const { printPdfs } = await import('./io/pdf.js');
  const env = options.env ?? {};
  return printPdfs(docs, files, assets, { config, env, creator: `Broadside ${VERSION}`, fixedDate: sourceDateEpoch(env), signal: options.signal });
}

/** SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed timestamp. */
function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError('the build was interrupted; the previous output is unchanged');
}

async function indexPage(transaction: OutputTransaction, project: Project, docs: LocalizedStatement[], editions: Edition[], source: Language): Promise<string> {
  const entries: IndexEntry[] = [];
  const built: Format[] = [];
  for (const statement of project.statements) {
    const titles: IndexEntry['titles'] = new Map();
    for (const doc of docs.filter((d) => d.statement === statement)) {
      const title = doc.segment(statement.meta.title);
      if (!(await transaction.has(artifactPath(statement.id, doc.language.code, 'html')))) continue;
      titles.set(doc.language.code, { title: title.text, lang: title.lang, dir: title.dir });
      for (const format of FORMATS) {
        if (!built.includes(format) && (await transaction.has(artifactPath(statement.id, doc.language.code, format)))) built.push(format);
      }
    }
    if (titles.size) entries.push({ statement: statement.id, date: statement.meta.date, titles });
  }
  return writeIndex(entries, editions, FORMATS.filter((f) => built.includes(f)), source.code);
}
