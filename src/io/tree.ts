import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../manifest/hash.js';
import type { ManifestFile } from '../manifest/manifest.js';

/** Every file under `dir` (path relative to it, with `/`) with its size and hash; empty when `dir` does not exist. */
export async function hashTree(dir: string): Promise<Map<string, ManifestFile>> {
  const tree = new Map<string, ManifestFile>();
  for (const path of await listTree(dir)) {
    const data = await readFile(join(dir, path));
    tree.set(path, { path, bytes: data.length, sha256: sha256(data) });
  }
  return tree;
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
  const paths: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) paths.push(...(await listTree(dir, path)));
    else paths.push(path);
  }
  return paths;
}
