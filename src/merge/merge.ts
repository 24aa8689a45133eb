import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MergeConflictError, UsageError } from '../errors.js';
import { OutputTransaction } from '../io/output.js';
import { MANIFEST_SCHEMA_VERSION, serializeManifest, type Manifest, type ManifestArtifact, type ManifestFile } from '../manifest/manifest.js';
import { requireIntact } from '../verify/verify.js';
import { MANIFEST_PATH } from '../writers/paths.js';

export interface MergeResult {
  outDir: string;
  manifest: Manifest;
}

/**
 * Combines the outputs of `build --shard` (or any builds of the same source) into one folder with one
 * manifest. Every input is verified first; a file two inputs both hold must be the same in both.
 */
export async function mergeOutputs(dirs: readonly string[], out: string): Promise<MergeResult> {
  if (dirs.length === 0) throw new UsageError('name at least one build folder to merge', undefined, 'for example: broadside merge shard-1 shard-2 shard-3 --out dist');
  const inputs = [];
  for (const dir of dirs) inputs.push({ dir, manifest: await requireIntact(dir) });
  const first = inputs[0]!;
  for (const { dir, manifest } of inputs.slice(1)) {
    const [a, b] = [manifest.source, first.manifest.source];
    if (manifest.broadside !== first.manifest.broadside || a.sha256 !== b.sha256 || a.commit !== b.commit || a.date !== b.date) {
      throw new MergeConflictError(`${dir} and ${first.dir} were not built from the same source by the same Broadside`, undefined, 'build every part from the same commit with the same Broadside version, then merge again.');
    }
  }

  requireAllParts(inputs);

  const artifacts = new Map<string, { entry: ManifestArtifact; dir: string }>();
  const files = new Map<string, { entry: ManifestFile; dir: string }>();
  for (const { dir, manifest } of inputs) {
    for (const entry of manifest.artifacts) add(artifacts, entry, dir, files);
    for (const entry of manifest.files) add(files, entry, dir, artifacts);
  }
  const manifest: Manifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    broadside: first.manifest.broadside,
    source: first.manifest.source,
    artifacts: [...artifacts.values()].map((a) => a.entry),
    files: [...files.values()].map((f) => f.entry),
  };
  const transaction = await OutputTransaction.begin(out);
  try {
    for (const { entry, dir } of [...artifacts.values(), ...files.values()]) await transaction.write(entry.path, await readFile(join(dir, entry.path)));
    await transaction.write(MANIFEST_PATH, serializeManifest(manifest));
    await transaction.commit();
  } catch (error) {
    await transaction.abort();
    throw error;
  }
  return { outDir: transaction.outDir, manifest };
}

/** Adds an entry, refusing one that another input has with other content (or as the other kind of file). */
function add<T extends ManifestFile>(into: Map<string, { entry: T; dir: string }>, entry: T, dir: string, other: ReadonlyMap<string, { dir: string }>): void {
  const clash = other.get(entry.path);
  const existing = into.get(entry.path);
  if (clash || (existing && (existing.entry.sha256 !== entry.sha256 || existing.entry.bytes !== entry.bytes))) {
    const where = (clash ?? existing)!.dir;
    throw new MergeConflictError(`${entry.path} differs between ${where} and ${dir}`, undefined, 'merge only parts of one build (`build --shard K/N` with the same N, options and source).');
  }
  into.set(entry.path, { entry, dir });
}

/**
 * The parts of a `build --shard K/N` are merged only all together: each of 1..N exactly once, all
 * split the same way from the same selection. Whole builds (without a shard) merge as they are.
 */
function requireAllParts(inputs: readonly { dir: string; manifest: Manifest }[]): void {
  const parts = inputs.filter((i) => i.manifest.shard);
  if (parts.length === 0) return;
  const same = 'build every part from the same selection (statements, --lang, --format) with the same --shard N, then merge all N parts.';
  const whole = inputs.find((i) => !i.manifest.shard);
  if (whole) throw new MergeConflictError(`${parts[0]!.dir} is part ${shardName(parts[0]!.manifest)} of a build, but ${whole.dir} is a whole build`, undefined, `merge the parts of one build only; ${same}`);
  const first = parts[0]!;
  const { count, selection } = first.manifest.shard!;
  for (const part of parts.slice(1)) {
    const shard = part.manifest.shard!;
    if (shard.count !== count) throw new MergeConflictError(`${part.dir} is part ${shardName(part.manifest)} but ${first.dir} is part ${shardName(first.manifest)}: they split the build differently`, undefined, same);
    if (shard.selection.join('\n') !== selection.join('\n')) throw new MergeConflictError(`${part.dir} and ${first.dir} are parts of builds of different selections`, undefined, same);
  }
  const byIndex = new Map<number, string>();
  for (const part of parts) {
    const { index } = part.manifest.shard!;
    const earlier = byIndex.get(index);
    if (earlier) throw new MergeConflictError(`part ${index}/${count} is given twice: ${earlier} and ${part.dir}`, undefined, `name each of the ${count} parts once.`);
    byIndex.set(index, part.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) {
    const list = missing.map((index) => `${index}/${count}`).join(', ');
    throw new MergeConflictError(`part${missing.length > 1 ? 's' : ''} ${list} of the build ${missing.length > 1 ? 'are' : 'is'} missing: a merge needs all ${count} parts`, undefined, `build ${missing.length > 1 ? 'them' : 'it'} with \`broadside build --shard ${missing[0]}/${count}\` and the same selection, then merge all ${count} folders.`);
  }
}

function shardName(manifest: Manifest): string {
  return `${manifest.shard!.index}/${manifest.shard!.count}`;
}
