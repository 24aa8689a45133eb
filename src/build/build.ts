import { resolve } from 'node:path';
import { assetsDigest } from './keys.js';
import { brokenEntries, buildFindings, gateError, gateFindings, type Gate } from './gate.js';
import { indexPage } from './index-page.js';
import { printAll, PrinterStart, type BuildPrinter, type KeptPrinter } from './printing.js';
import { editionRenderer } from './render.js';
import { sourceDate, sourceDateEpoch } from './source-date.js';
import { unshownError, unshownFinding } from './unshown.js';
import type { Config } from '../config/schema.js';
import { editionsToBuild, PARALLEL_FORMATS } from '../editions/build.js';
import { folderOf, isParallel } from '../editions/edition.js';
import { InterruptedError } from '../errors.js';
import { loadAssets } from '../io/assets.js';
import { codeIdentity } from '../io/code-identity.js';
import { readManifest } from '../io/manifest-file.js';
import { OutputTransaction, removeLeftovers } from '../io/output.js';
import { loadConfig, loadProject, TEMPLATES_DIR } from '../io/project.js';
import { selectStatements, type Project } from '../model/project.js';
import { sourceIdentity } from '../io/source-identity.js';
import { hashTree } from '../io/tree.js';
import { languagesOf } from '../localize/language.js';
import { localize } from '../localize/localize.js';
import { MANIFEST_SCHEMA_VERSION, serializeManifest, type Manifest, type ManifestFile } from '../manifest/manifest.js';
import type { Finding } from '../model/finding.js';
import { compareText, plannedArtifacts, type ArtifactId } from '../plan/artifacts.js';
import { fileOf, isSelection, keptArtifacts, planArtifacts, sameFiles, willPrintEverything, type Artifact, type ArtifactStatus, type OutputFile } from '../plan/incremental.js';
import { shardOf, type Shard } from '../plan/shard.js';
import type { Edition } from '../writers/html.js';
import { ASSETS_DIR, INDEX_PATH, MANIFEST_PATH, printStylesheetPath } from '../writers/paths.js';
import { FORMATS, WRITERS, type Format } from '../writers/registry.js';
import { selectLanguages } from '../model/translated-languages.js';
import type { ReadCache } from '../readers/read-cache.js';
import { VERSION } from '../version.js';

export type { Artifact, ArtifactStatus };

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
  /** Leave the parallel editions out: their output is kept as it is (a rebuild shows the single editions first). */
  withoutParallel?: boolean;
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
  /** Problems found while printing (characters no font had); they do not fail a build but under --strict. */
  onPrintWarnings?(findings: Finding[]): void;
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

/** What a series of builds keeps from one to the next (see BuildSession): the browser and the files read. */
export interface BuildState {
  printer: KeptPrinter;
  reads: ReadCache;
}

/** read → model → localize → check → write, making only what changed: the whole `broadside build`. */
export async function build(options: BuildOptions, events: BuildEvents = {}, state?: BuildState): Promise<BuildResult> {
  const started = performance.now();
  const lap = stopwatch();
  const config = await loadConfig(options.root);
  const out = resolve(options.root, options.out ?? config.output);
  const env = options.env ?? {};
  const printOptions = { config, env, creator: CREATOR, fixedDate: sourceDateEpoch(env), signal: options.signal, onPrinted: events.onArtifact };
  const printer = state ? state.printer.for(printOptions) : new PrinterStart(printOptions);
  // A cold build will print: start the browser now, so its start-up overlaps reading and rendering.
  if (willPrintEverything(options, out)) printer.start();
  try {
    return await buildWith(await loadProject(options.root, config, state?.reads), out, printer, options, events, started, lap);
  } finally {
    await printer.release();
  }
}

async function buildWith(project: Project, out: string, printer: BuildPrinter, options: BuildOptions, events: BuildEvents, started: number, lap: () => number): Promise<BuildResult> {
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
  const selected = [...docs.filter((doc) => languages.includes(doc.language)), ...(options.withoutParallel ? [] : parallel.selected(parallelDocs))].filter((doc) => statements.includes(doc.statement));
  const gate = gateFindings(project, parallel.gated(selected), Boolean(options.strict), checked);
  events.onFindings?.(gate);
  if (gate.errors.length) throw gateError(gate.errors);
  checkAborted(options.signal);

  // Hashing the inputs and asking git for the commit overlap the rendering and printing.
  const identity = sourceIdentity(project, sourceDate(env, project.statements), env);
  identity.catch(() => undefined);
  await removeLeftovers(out);
  const code = codeIdentity();
  const current = await hashTree(out);
  const previous = { manifest: await readManifest(out).catch(() => undefined), current };
  const planned = plannedArtifacts(selected.map((d) => ({ statement: d.statement.id, lang: folderOf(d), ...(isParallel(d) && { formats: PARALLEL_FORMATS, languages: d.parallel.docs.map((m) => m.language.code) }) })), formats);
  const work = options.shard ? shardOf(planned, options.shard) : planned;
  const kept = options.shard || !isSelection(options) ? [] : keptArtifacts(previous, planned, project);
  const timings = { loadMs: lap(), renderMs: 0, printMs: 0, writeMs: 0, totalMs: 0 };

  const editions: Edition[] = allLanguages.map((l) => ({ code: l.code, dir: l.dir, script: l.script, name: docs.find((d) => d.language === l)!.t('languageName') }));
  const inOutput = [...planned, ...kept];
  const render = editionRenderer(project, [...docs, ...parallelDocs], editions, inOutput);
  const assets = await loadAssets(TEMPLATES_DIR);
  const made = planArtifacts(work, render, { assets: assetsDigest(assets), creator: CREATOR, fixedDate: sourceDateEpoch(env) }, await code, previous, Boolean(options.force));
  const toPrint = [...made.values()].filter((a) => WRITERS[a.format].needsBrowser && a.status === 'built').map((a) => render.doc(a));
  events.onPlan?.([...made.values()].map(({ path, status }) => ({ path, status })));
  for (const artifact of made.values()) if (artifact.status === 'built' && !WRITERS[artifact.format].needsBrowser) events.onArtifact?.(artifact.path);
  timings.renderMs = lap();
  checkAborted(options.signal);

  const unshown = new Map<string, Finding>();
  for (const [path, printed] of await printAll(toPrint, render, assets, printer, { signal: options.signal, onPrinted: events.onArtifact })) {
    const artifact = Object.assign(made.get(path)!, fileOf(path, printed.data), { pages: printed.pages });
    if (printed.unshown) unshown.set(path, unshownFinding(project, render.doc(artifact), path, printed.unshown));
  }
  timings.printMs = lap();
  checkAborted(options.signal);
  if (unshown.size && options.strict) throw unshownError(unshown);
  const printWarnings = [...unshown.values()];
  events.onPrintWarnings?.(printWarnings);

  const artifacts: Artifact[] = [...made.values(), ...kept].map(({ data: _, ...artifact }: OutputFile & Artifact) => artifact).sort((a, b) => compareText(a.path, b.path));
  const files: OutputFile[] = [
    ...[...assets.files].map(([path, data]) => fileOf(`${ASSETS_DIR}/${path}`, data)),
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
  return { outDir: out, changed, languages: languages.map((l) => l.code), artifacts, warnings: [...gate.warnings, ...printWarnings], manifest, timings };
}

const CREATOR = `Broadside ${VERSION}`;

/** Each statement-and-language pair the artifacts belong to, once. */
function editionsOf(artifacts: readonly ArtifactId[]): ArtifactId[] {
  const editions = new Map<string, ArtifactId>();
  for (const a of artifacts) if (!editions.has(`${a.statement}/${a.lang}`)) editions.set(`${a.statement}/${a.lang}`, a);
  return [...editions.values()];
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

export function checkAborted(signal?: AbortSignal): void {
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
