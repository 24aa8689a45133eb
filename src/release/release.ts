import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { archiveEntries } from '../archive/entries.js';
import { tarGz } from '../archive/tar.js';
import { zip } from '../archive/zip.js';
import { sourceDateEpoch } from '../build/source-date.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { sha256 } from '../manifest/hash.js';
import { listedFiles } from '../manifest/manifest.js';
import { requireIntact } from '../verify/verify.js';
import { MANIFEST_PATH } from '../writers/paths.js';

export interface ReleaseOptions {
  /** The build to pack. */
  dir: string;
  /** Where the archives and SHA256SUMS go. */
  out: string;
  /** Archive file names and their top folder; default: the build folder's name. */
  name?: string;
  /** For SOURCE_DATE_EPOCH. */
  env?: NodeJS.ProcessEnv;
}

/** An archive written, by file name in the release folder (next to SHA256SUMS). */
export interface ReleaseFile {
  path: string;
  sha256: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/**
 * Packs a verified build into NAME.tar.gz and NAME.zip plus SHA256SUMS. The archives are the same bytes
 * for the same build: sorted entries, fixed modes and owners, and one timestamp for all (SOURCE_DATE_EPOCH,
 * else the manifest's source date).
 */
export async function release(options: ReleaseOptions): Promise<ReleaseFile[]> {
  const fixedDate = sourceDateEpoch(options.env ?? {});
  const name = options.name ?? basename(options.dir);
  if (!NAME.test(name)) throw new UsageError(`"${name}" cannot name an archive`, undefined, 'use letters, digits, dots, hyphens, underscores and plus signs, such as --name statements-v1.2.');
  const inside = relative(options.dir, options.out);
  if (!inside.startsWith('..') && !isAbsolute(inside)) throw new UsageError(`the release folder ${options.out} is inside the build it packs`, undefined, 'choose a folder outside it, such as --out release.');

  const manifest = await requireIntact(options.dir);
  const files = new Map<string, Uint8Array>();
  for (const path of [MANIFEST_PATH, ...listedFiles(manifest).map((f) => f.path)]) files.set(path, await readFile(join(options.dir, path)));
  const entries = archiveEntries(name, files);
  const mtime = fixedDate ?? new Date(manifest.source.date);

  const archives: [string, Buffer][] = [
    [`${name}.tar.gz`, tarGz(entries, mtime)],
    [`${name}.zip`, zip(entries, mtime)],
  ];
  const written = archives.map(([path, data]) => ({ path, sha256: sha256(data) }));
  for (const [path, data] of archives) await writeFileAtomic(join(options.out, path), data);
  // The format `sha256sum --check SHA256SUMS` reads.
  await writeFileAtomic(join(options.out, 'SHA256SUMS'), written.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
  return written;
}
