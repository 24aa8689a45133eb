import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assetsDigest, type PdfSources } from './keys.js';
import { brokenEntries, buildFindings, gateError, gateFindings, type Gate } from './gate.js';
import { indexPage } from './index-page.js';
import { editionRenderer, type EditionRenderer } from './render.js';
import { sourceDate, sourceDateEpoch } from './source-date.js';
import type { Config } from '../config/schema.js';
import { editionsToBuild, PARALLEL_FORMATS } from '../editions/build.js';
import { folderOf, isParallel } from '../editions/edition.js';
import { InterruptedError } from '../errors.js';
import type { Printer, PrintOptions } from '../io/pdf.js';
import { loadAssets, type Assets } from '../io/assets.js';
import { readManifest } from '../io/manifest-file.js';
import { OutputTransaction, removeLeftovers } from '../io/output.js';
import { loadConfig, loadProject, TEMPLATES_DIR } from '../io/project.js';
import { selectStatements, type Project } from '../model/project.js';
import { sourceIdentity } from '../io/source-identity.js';
import { hashTree } from '../io/tree.js';
import { languagesOf } from '../localize/language.js';
import { localize, type LocalizedStatement } from '../localize/localize.js';
import { sha256 } from '../manifest/hash.js';
import { MANIFEST_SCHEMA_VERSION, serializeManifest, type Manifest, type ManifestArtifact, type ManifestFile } from '../manifest/manifest.js';
import type { Finding } from '../model/finding.js';
import { compareText, plannedArtifacts, type ArtifactId } from '../plan/artifacts.js';
import { shardOf, type Shard } from '../plan/shard.js';
import type { Edition } from '../writers/html.js';
import { FIT_LEVELS } from '../writers/print-css.js';
import { ASSETS_DIR, artifactPath, FORMATS, INDEX_PATH, MANIFEST_PATH, printStylesheetPath, type Format } from '../writers/paths.js';
import { WRITERS } from '../writers/registry.js';
import { selectLanguages } from '../model/translated-languages.js';
import { VERSION } from '../version.js';

export interface BuildOptions {
  root: string;
  statements?: string[];
  langs?: string[];
  formats?: Format[];
  out?: string;
  strict?: boolean;
  paper?: Config['pdf']['paper'];
  /** Make every selected artifact again, even those whose inputs did not change. */
  force?: boolean;
  /** Build only this part of the selection; the output then holds only that part. */
  shard?: Shard;
  /** For SOURCE_DATE_EPOCH and PUPPETEER_EXECUTABLE_PATH. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** What happens to each artifact as a build goes; all optional, for progress displays. */
export interface BuildEvents {
  /** Problems found before any work; errors fail the build right after. */
  onFindings?(gate: Gate): void;
  /** This build's artifacts and whether each is to be made (`built`) or is already up to date (`reused`). */
  onPlan?(artifacts: readonly { path: string; status: ArtifactStatus }[]): void;
  /** An artifact to be made is ready. */
  onArtifact?(path: string): void;
}

/** `built`: made by this build; `reused`: up to date, taken over unchanged; `kept`: outside the selection, left as it was. */
export type ArtifactStatus = 'built' | 'reused' | 'kept';

export interface Artifact extends ManifestArtifact {
  status: ArtifactStatus;
}

export interface Timings {
  loadMs: number;
  renderMs: number;
  printMs: number;
  writeMs: number;
  totalMs: number;
}

export interface BuildResult {
  outDir: string;
  /** False when everything was up to date: the output folder was not touched. */
  changed: boolean;
  /** The languages selected, in configuration order. */
  languages: string[];
  /** Every artifact in the output, in path order. */
  artifacts: Artifact[];
  warnings: Finding[];
  manifest: Manifest;
  timings: Timings;
}

/** A file of the output: its content when this build made it, else taken over from the current output. */
interface OutputFile extends ManifestFile {
  data?: Uint8Array;
}

/** read → model → localize → check → write, making only what changed: the whole `broadside build`. */
export async function build(options: BuildOptions, events: BuildEvents = {}): Promise<BuildResult> {
  const started = performance.now();
  const lap = stopwatch();
  const config = await loadConfig(options.root);
  const out = resolve(options.root, options.out ?? config.output);
  const printer = new PrinterStart(config, options, events);
  // A cold build will print: start the browser now, so its start-up overlaps reading and rendering.
  if (willPrintEverything(options, out)) printer.start();
  try {
    return await buildWith(await loadProject(options.root, config), out, printer, options, events, started, lap);
  } finally {
    await printer.close();
  }
}

async function buildWith(project: Project, out: string, printer: PrinterStart, options: BuildOptions, events: BuildEvents, started: number, lap: () => number): Promise<BuildResult> {
  const { config } = project;
  const env = options.env ?? {};
  const statements = selectStatements(project, options.statements ?? []);
  const allLanguages = languagesOf(config).map((l) => (options.paper ? { ...l, paper: options.paper } : l));
  const parallel = editionsToBuild(config, allLanguages, options.langs ?? []);
  const languages = parallel.onlyEditions ? [] : selectLanguages(allLanguages, parallel.langs);
  const formats = options.formats ?? [...FORMATS];
  const source = allLanguages.find((l) => l.isSource)!;
  const checked = buildFindings(project, statements.map((s) => s.id), parallel.checkedLanguages(languages).filter((l) => !l.isSource).map((l) => l.code));
  const broken = brokenEntries(checked);
  const docs = project.statements.flatMap((statement) => allLanguages.map((language) => localize(statement, language, source, project.interfaceStrings, project.translations.get(language.code), broken.get(language.code))));
  const parallelDocs = parallel.docs(docs);
  const selected = [...docs.filter((doc) => languages.includes(doc.language)), ...parallel.selected(parallelDocs)].filter((doc) => statements.includes(doc.statement));
  const gate = gateFindings(project, parallel.gated(selected), Boolean(options.strict), checked);
  events.onFindings?.(gate);
  if (gate.errors.length) throw gateError(gate.errors);

  // Hashing the inputs and asking git for the commit overlap the rendering and printing.
  const identity = sourceIdentity(project, sourceDate(env, project.statements), env);
  identity.catch(() => undefined);
  await removeLeftovers(out);
  const current = await hashTree(out);
  const previous = await readManifest(out).catch(() => undefined);
  const planned = plannedArtifacts(selected.map((d) => ({ statement: d.statement.id, lang: folderOf(d), ...(isParallel(d) && { formats: PARALLEL_FORMATS, languages: d.parallel.docs.map((m) => m.language.code) }) })), formats);
  const work = options.shard ? shardOf(planned, options.shard) : planned;
  const kept = options.shard || !isSelection(options) ? [] : keptArtifacts(previous, planned, project, current);
  const timings = { loadMs: lap(), renderMs: 0, printMs: 0, writeMs: 0, totalMs: 0 };

  const editions: Edition[] = allLanguages.map((l) => ({ code: l.code, dir: l.dir, script: l.script, name: docs.find((d) => d.language === l)!.t('languageName') }));
  const inOutput = [...planned, ...kept];
  const render = editionRenderer(project, [...docs, ...parallelDocs], editions, inOutput);
  const assets = await loadAssets(TEMPLATES_DIR);
  const made = makeArtifacts(work, render, { assets: assetsDigest(assets), creator: CREATOR, fixedDate: sourceDateEpoch(env) }, previous, current, Boolean(options.force));
  const toPrint = [...made.values()].filter((a) => WRITERS[a.format].needsBrowser && a.status === 'built').map((a) => render.doc(a));
  events.onPlan?.([...made.values()].map(({ path, status }) => ({ path, status })));
  for (const artifact of made.values()) if (artifact.status === 'built' && !WRITERS[artifact.format].needsBrowser) events.onArtifact?.(artifact.path);
  timings.renderMs = lap();

  for (const [path, { data, pages }] of await printAll(toPrint, render, assets, printer)) Object.assign(made.get(path)!, fileOf(path, data), { pages });
  timings.printMs = lap();
  checkAborted(options.signal);

  const artifacts: Artifact[] = [...made.values(), ...kept].map(({ data: _, ...artifact }: OutputFile & Artifact) => artifact).sort((a, b) => compareText(a.path, b.path));
  const files: OutputFile[] = [
    ...[...assets].map(([path, data]) => fileOf(`${ASSETS_DIR}/${path}`, data)),
    ...editionsOf(artifacts).map((e) => fileOf(printStylesheetPath(e.statement, e.lang), render.printCss(render.doc(e)))),
    fileOf(INDEX_PATH, indexPage(project.statements, [...docs, ...parallelDocs], editions, inOutput, source.code)),
  ];
  const manifest: Manifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    broadside: VERSION,
    source: await identity,
    ...(options.shard && { shard: { ...options.shard, selection: planned.map((a) => a.path) } }),
    artifacts: artifacts.map(({ status: _, ...entry }) => entry),
    files: files.map(({ data: _, ...entry }) => entry),
  };
  const output = [...made.values(), ...kept, ...files, fileOf(MANIFEST_PATH, serializeManifest(manifest))];
  const changed = Boolean(options.force) || !sameFiles(output, current);
  if (changed) await commitOutput(out, output, current, Boolean(options.force), options.signal);
  timings.writeMs = lap();
  timings.totalMs = Math.round(performance.now() - started);
  return { outDir: out, changed, languages: languages.map((l) => l.code), artifacts, warnings: gate.warnings, manifest, timings };
}

const CREATOR = `Broadside ${VERSION}`;

/**
 * Renders the HTML and text artifacts (which are then compared by content) and decides for each PDF
 * whether it must be printed: only when its key changed or the file is not as the manifest says.
 */
function makeArtifacts(
  work: readonly ArtifactId[],
  render: EditionRenderer,
  pdfSources: Omit<PdfSources, 'html' | 'printCss'>,
  previous: Manifest | undefined,
  current: ReadonlyMap<string, ManifestFile>,
  force: boolean,
): Map<string, OutputFile & Artifact> {
  const before = new Map(previous?.artifacts.map((a) => [a.path, a]));
  const made = new Map<string, OutputFile & Artifact>();
  for (const artifact of work) {
    const doc = render.doc(artifact);
    const writer = WRITERS[artifact.format];
    if (!writer.render) {
      const key = writer.cacheKey(VERSION, { doc, render, pdfSources });
      const last = before.get(artifact.path);
      const upToDate = !force && last?.key === key && current.get(artifact.path)?.sha256 === last.sha256;
      const pages = last?.pages === undefined ? {} : { pages: last.pages };
      made.set(artifact.path, { ...artifact, bytes: last?.bytes ?? 0, sha256: last?.sha256 ?? '', key, ...pages, status: upToDate ? 'reused' : 'built' });
    } else {
      const text = writer.render(render, doc);
      const file = fileOf(artifact.path, text);
      const upToDate = !force && current.get(artifact.path)?.sha256 === file.sha256;
      made.set(artifact.path, { ...artifact, ...file, key: writer.cacheKey(VERSION, { doc, render, text, pdfSources }), status: upToDate ? 'reused' : 'built' });
    }
  }
  return made;
}

/** Each statement-and-language pair the artifacts belong to, once. */
function editionsOf(artifacts: readonly ArtifactId[]): ArtifactId[] {
  const editions = new Map<string, ArtifactId>();
  for (const a of artifacts) if (!editions.has(`${a.statement}/${a.lang}`)) editions.set(`${a.statement}/${a.lang}`, a);
  return [...editions.values()];
}

function isSelection(options: BuildOptions): boolean {
  return Boolean(options.statements?.length || options.langs?.length || options.formats);
}

/** A build of a selection keeps the rest of the previous output: what its manifest lists, is intact and still configured. */
function keptArtifacts(previous: Manifest | undefined, planned: readonly ArtifactId[], project: Project, current: ReadonlyMap<string, ManifestFile>): Artifact[] {
  const selected = new Set(planned.map((a) => a.path));
  const configured = (a: ManifestArtifact): boolean => project.statements.some((s) => s.id === a.statement) && [...project.config.languages.map((l) => l.code), ...project.config.editions.map((e) => e.id)].includes(a.lang);
  return (previous?.artifacts ?? []).filter((a) => !selected.has(a.path) && configured(a) && current.get(a.path)?.sha256 === a.sha256).map((a) => ({ ...a, status: 'kept' }));
}

function fileOf(path: string, content: string | Uint8Array): OutputFile {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, bytes: data.length, sha256: sha256(data), data };
}

/** Started only when PDFs are to be printed: HTML and text builds, and builds with nothing to print, never load Puppeteer or a browser. */
async function printAll(docs: LocalizedStatement[], render: EditionRenderer, assets: Assets, printer: PrinterStart): Promise<Map<string, { data: Uint8Array; pages: number }>> {
  if (docs.length === 0) return new Map();
  const files = new Map<string, string>();
  for (const doc of docs) {
    files.set(artifactPath(doc.statement.id, folderOf(doc), 'html'), render.html(doc));
    files.set(printStylesheetPath(doc.statement.id, folderOf(doc)), render.printCss(doc));
  }
  const { printJobsFor } = await import('../io/pdf.js');
  const started = await printer.start();
  const pages = new Map<string, number>();
  const fit = { levels: FIT_LEVELS, css: render.fittedPrintCss, onFitted: (output: string, n: number) => void pages.set(output, n) };
  const pdfs = await started.print(printJobsFor(docs, files, assets, printer.options, fit));
  // Nothing more to print: let the browser shut down while the output is written.
  void printer.close();
  return new Map([...pdfs].map(([path, data]) => [path, { data, pages: pages.get(path)! }]));
}

/** True when this build will print every PDF it selects, so the browser can start before planning. */
function willPrintEverything(options: BuildOptions, out: string): boolean {
  const wantsPdf = !options.formats || options.formats.some((f) => WRITERS[f].needsBrowser);
  return wantsPdf && !options.shard && (Boolean(options.force) || !existsSync(join(out, MANIFEST_PATH)));
}

/**
 * The build's one browser, started at most once: early for a cold build, or when the first PDF
 * needs printing. HTML and text builds, and rebuilds with nothing to print, never start it.
 */
class PrinterStart {
  readonly options: PrintOptions;
  private printer?: Promise<Printer>;

  constructor(config: Config, options: BuildOptions, events: BuildEvents) {
    const env = options.env ?? {};
    this.options = { config, env, creator: CREATOR, fixedDate: sourceDateEpoch(env), signal: options.signal, onPrinted: events.onArtifact };
  }

  start(): Promise<Printer> {
    if (!this.printer) {
      this.printer = import('../io/pdf.js').then(({ startPrinter }) => startPrinter(this.options));
      // Reported when awaited for printing; a build that fails first must not also report this.
      this.printer.catch(() => undefined);
    }
    return this.printer;
  }

  async close(): Promise<void> {
    const printer = await this.printer?.catch(() => undefined);
    await printer?.close();
  }
}

/** True when the output folder already holds exactly these files. */
function sameFiles(files: readonly ManifestFile[], current: ReadonlyMap<string, ManifestFile>): boolean {
  return files.length === current.size && files.every((f) => current.get(f.path)?.sha256 === f.sha256);
}

/** Stages the new output, linking what is unchanged from the current one, and swaps it in. */
async function commitOutput(out: string, files: readonly OutputFile[], current: ReadonlyMap<string, ManifestFile>, force: boolean, signal?: AbortSignal): Promise<void> {
  const transaction = await OutputTransaction.begin(out);
  try {
    // All at once, but every write settles before an abort removes the staging folder.
    const written = await Promise.allSettled(
      files.map((file) => (file.data === undefined || (!force && current.get(file.path)?.sha256 === file.sha256) ? transaction.reuse(file.path) : transaction.write(file.path, file.data))),
    );
    const failed = written.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) throw failed.reason;
    checkAborted(signal);
    await transaction.commit();
  } catch (error) {
    await transaction.abort();
    throw error;
  }
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError('the build was interrupted; the previous output is unchanged');
}

/** Milliseconds since the previous call (or since it was made). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}
