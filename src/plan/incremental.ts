import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PdfSources } from '../build/keys.js';
import type { EditionRenderer } from '../build/render.js';
import { sha256 } from '../manifest/hash.js';
import type { Manifest, ManifestArtifact, ManifestFile } from '../manifest/manifest.js';
import type { Project } from '../model/project.js';
import { MANIFEST_PATH, type Format } from '../writers/paths.js';
import { WRITERS } from '../writers/registry.js';
import type { ArtifactId } from './artifacts.js';
import type { Shard } from './shard.js';

/** `built`: made by this build; `reused`: up to date, taken over unchanged; `kept`: outside the selection, left as it was. */
export type ArtifactStatus = 'built' | 'reused' | 'kept';

export interface Artifact extends ManifestArtifact {
  status: ArtifactStatus;
}

/** A file of the output: its content when this build made it, else taken over from the current output. */
export interface OutputFile extends ManifestFile {
  data?: Uint8Array;
}

export function fileOf(path: string, content: string | Uint8Array): OutputFile {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, bytes: data.length, sha256: sha256(data), data };
}

/** What the planning compares with: the previous build's manifest and the files now in the output. */
export interface PreviousOutput {
  manifest: Manifest | undefined;
  current: ReadonlyMap<string, ManifestFile>;
}

/**
 * Renders the HTML and text artifacts (which are then compared by content) and decides for each PDF
 * whether it must be printed: only when its key changed or the file is not as the manifest says.
 * `code` is Broadside's own part of every key (see codeIdentity).
 */
export function planArtifacts(
  work: readonly ArtifactId[],
  render: EditionRenderer,
  pdfSources: Omit<PdfSources, 'html' | 'printCss'>,
  code: string,
  { manifest, current }: PreviousOutput,
  force: boolean,
): Map<string, OutputFile & Artifact> {
  const before = new Map(manifest?.artifacts.map((a) => [a.path, a]));
  const made = new Map<string, OutputFile & Artifact>();
  for (const artifact of work) {
    const doc = render.doc(artifact);
    const writer = WRITERS[artifact.format];
    if (!writer.render) {
      const key = writer.cacheKey(code, { doc, render, pdfSources });
      const last = before.get(artifact.path);
      const upToDate = !force && last?.key === key && current.get(artifact.path)?.sha256 === last.sha256;
      const pages = last?.pages === undefined ? {} : { pages: last.pages };
      made.set(artifact.path, { ...artifact, bytes: last?.bytes ?? 0, sha256: last?.sha256 ?? '', key, ...pages, status: upToDate ? 'reused' : 'built' });
    } else {
      const text = writer.render(render, doc);
      const file = fileOf(artifact.path, text);
      const upToDate = !force && current.get(artifact.path)?.sha256 === file.sha256;
      made.set(artifact.path, { ...artifact, ...file, key: writer.cacheKey(code, { doc, render, text, pdfSources }), status: upToDate ? 'reused' : 'built' });
    }
  }
  return made;
}

/** A build of a selection keeps the rest of the previous output: what its manifest lists, is intact and still configured. */
export function keptArtifacts({ manifest, current }: PreviousOutput, planned: readonly ArtifactId[], project: Project): Artifact[] {
  const selected = new Set(planned.map((a) => a.path));
  const configured = (a: ManifestArtifact): boolean => project.statements.some((s) => s.id === a.statement) && [...project.config.languages.map((l) => l.code), ...project.config.editions.map((e) => e.id)].includes(a.lang);
  return (manifest?.artifacts ?? []).filter((a) => !selected.has(a.path) && configured(a) && current.get(a.path)?.sha256 === a.sha256).map((a) => ({ ...a, status: 'kept' }));
}

export interface Selection {
  statements?: string[];
  langs?: string[];
  formats?: Format[];
  force?: boolean;
  shard?: Shard;
  withoutParallel?: boolean;
}

/** True when only part of the project is asked for, so the rest of the output is kept. */
export function isSelection(options: Selection): boolean {
  return Boolean(options.statements?.length || options.langs?.length || options.formats || options.withoutParallel);
}

/** True when this build will print every PDF it selects, so the browser can start before planning. */
export function willPrintEverything(options: Selection, out: string): boolean {
  const wantsPdf = !options.formats || options.formats.some((f) => WRITERS[f].needsBrowser);
  return wantsPdf && !options.shard && (Boolean(options.force) || !existsSync(join(out, MANIFEST_PATH)));
}

/** True when the output folder already holds exactly these files. */
export function sameFiles(files: readonly ManifestFile[], current: ReadonlyMap<string, ManifestFile>): boolean {
  return files.length === current.size && files.every((f) => current.get(f.path)?.sha256 === f.sha256);
}
