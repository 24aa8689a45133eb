import * as z from 'zod';
import { VerifyError } from '../errors.js';
import { compareText } from '../plan/artifacts.js';
import { FORMATS, type Format } from '../writers/registry.js';

/** Bumped only when a field changes meaning or disappears; new fields may be added within a version. */
export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestFile {
  /** Relative to the output folder, with `/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ManifestArtifact extends ManifestFile {
  statement: string;
  lang: string;
  format: Format;
  /** sha256 of everything the artifact is made from; an equal key means it can be reused. */
  key: string;
  /** PDFs: how many pages it has. */
  pages?: number;
  /** A parallel edition's languages, in its order; `lang` is then the edition's id. */
  languages?: string[];
}

export interface SourceInput {
  path: string;
  /** `project`: relative to the project folder; `broadside`: one of Broadside's own templates. */
  origin: 'project' | 'broadside';
  sha256: string;
}

export interface SourceIdentity {
  /** sha256 over the inputs' paths and hashes. */
  sha256: string;
  /** `git rev-parse HEAD` of the project, or null outside a repository. */
  commit: string | null;
  /** SOURCE_DATE_EPOCH, else the newest statement's date: the timestamp archives use. */
  date: string;
  inputs: SourceInput[];
}

/** What a `build --shard K/N` part was part of, so that `merge` can tell a whole from a partial set. */
export interface ManifestShard {
  index: number;
  count: number;
  /** Paths of every artifact of the whole selection, all N parts together, in path order. */
  selection: string[];
}

export interface Manifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  broadside: string;
  source: SourceIdentity;
  /** Only in the output of `build --shard`. */
  shard?: ManifestShard;
  artifacts: ManifestArtifact[];
  /** Everything else in the output: assets, print stylesheets, the index. */
  files: ManifestFile[];
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');
/** Relative, forward slashes, no `.`/`..` segments: a manifest from elsewhere cannot point outside its folder. */
const safePath = z.string().refine((p) => p.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/[\\\0:]/.test(part)), 'must be a relative path inside the folder');
const file = z.object({ path: safePath, bytes: z.int().nonnegative(), sha256 });

export const ManifestSchema = z.object({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  broadside: z.string(),
  source: z.object({
    sha256,
    commit: z.string().nullable(),
    date: z.iso.datetime(),
    inputs: z.array(z.object({ path: z.string(), origin: z.enum(['project', 'broadside']), sha256 })),
  }),
  shard: z
    .object({ index: z.int().positive(), count: z.int().positive(), selection: z.array(safePath) })
    .refine((s) => s.index <= s.count, 'index must be at most count')
    .optional(),
  artifacts: z.array(file.extend({ statement: z.string(), lang: z.string(), format: z.enum(FORMATS as [Format, ...Format[]]), key: sha256, pages: z.int().positive().optional(), languages: z.array(z.string()).optional() })),
  files: z.array(file),
});

/** JSON with a fixed key order, arrays sorted by path and a final newline: equal manifests are equal bytes. */
export function serializeManifest(manifest: Manifest): string {
  const byPath = <T extends { path: string }>(items: T[]): T[] => [...items].sort((a, b) => compareText(a.path, b.path));
  const ordered: Manifest = {
    schemaVersion: manifest.schemaVersion,
    broadside: manifest.broadside,
    source: {
      sha256: manifest.source.sha256,
      commit: manifest.source.commit,
      date: manifest.source.date,
      inputs: manifest.source.inputs.map((i) => ({ path: i.path, origin: i.origin, sha256: i.sha256 })),
    },
    ...(manifest.shard && { shard: { index: manifest.shard.index, count: manifest.shard.count, selection: [...manifest.shard.selection].sort(compareText) } }),
    artifacts: byPath(manifest.artifacts).map((a) => ({ path: a.path, statement: a.statement, lang: a.lang, format: a.format, bytes: a.bytes, sha256: a.sha256, key: a.key, ...(a.pages === undefined ? {} : { pages: a.pages }), ...(a.languages === undefined ? {} : { languages: [...a.languages] }) })),
    files: byPath(manifest.files).map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Reads manifest.json text; a file that is not a manifest of this schema version is a VerifyError. Pure. */
export function parseManifest(text: string, file: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VerifyError(`${file} is not valid JSON: ${(error as Error).message}`, { file }, 'rebuild with `broadside build`, or unpack the archive again.');
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new VerifyError(`${file} is not a Broadside manifest: ${issue.path.join('.') || '(top level)'} ${issue.message}`, { file }, 'rebuild with `broadside build`; see docs/publishing.md for the manifest schema.');
  }
  return parsed.data as Manifest;
}

/** Every file the manifest lists, artifacts and the rest. */
export function listedFiles(manifest: Manifest): ManifestFile[] {
  return [...manifest.artifacts, ...manifest.files];
}
