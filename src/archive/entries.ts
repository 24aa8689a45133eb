import { compareText } from '../plan/artifacts.js';

/** A file or folder to put in an archive; paths use `/`, folders end without one. */
export interface ArchiveEntry {
  path: string;
  /** Absent for a folder. */
  data?: Uint8Array;
}

/**
 * The files under one top folder `root`, with an entry for every folder, in byte order of the names
 * archives store (a folder's with a final `/`, so before its contents): the same list, in the same
 * order, whatever the file system returned.
 */
export function archiveEntries(root: string, files: ReadonlyMap<string, Uint8Array>): ArchiveEntry[] {
  const folders = new Set<string>([root]);
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${root}/${parts.slice(0, i).join('/')}`);
  }
  const entries: ArchiveEntry[] = [...folders].map((path) => ({ path }));
  for (const [path, data] of files) entries.push({ path: `${root}/${path}`, data });
  const stored = (e: ArchiveEntry): string => (e.data === undefined ? `${e.path}/` : e.path);
  return entries.sort((a, b) => compareText(stored(a), stored(b)));
}

/** Permissions written for every entry: no owner, group or user names, and the same modes everywhere. */
export const FILE_MODE = 0o644;
export const FOLDER_MODE = 0o755;
