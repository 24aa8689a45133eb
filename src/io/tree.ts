import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../manifest/hash.js';
import type { ManifestFile } from '../manifest/manifest.js';

/** Every file under `dir` (path relative to it, with `/`) with its size and hash; empty when `dir` does not exist. */
export async function hashTree(dir: string): Promise<Map<string, ManifestFile>> {
  return new Map((await hashFiles(dir, await listTree(dir))).map((file) => [file.path, file]));
}

/** The files at `paths` under `dir`, read at once, with their sizes and hashes, in the order given. */
export async function hashFiles(dir: string, paths: readonly string[]): Promise<ManifestFile[]> {
  const contents = await Promise.all(paths.map((path) => readFile(join(dir, path))));
  return paths.map((path, i) => ({ path, bytes: contents[i]!.length, sha256: sha256(contents[i]!) }));
}

/** Relative paths of every file under `dir`, in no particular order. */
export async function listTree(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return [];
    throw error;
  }
  const paths = await Promise.all(
    entries.map((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listTree(dir, path) : [path];
    }),
  );
  return paths.flat();
}
