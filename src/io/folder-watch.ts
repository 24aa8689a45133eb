import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** A folder to watch, and which of its entries matter. */
export interface WatchedFolder {
  dir: string;
  accepts(name: string): boolean;
}

/**
 * Calls `onChange` with the path of every accepted entry created, changed, renamed or removed in
 * `folders`; returns a function that stops watching. Folders, not files, are watched: editors that save
 * by renaming a new file over the old one replace the file, which silently ends a watch on the file
 * itself. A folder that does not exist is skipped.
 */
export function watchFolders(folders: readonly WatchedFolder[], onChange: (path: string) => void): () => void {
  const watchers = folders.flatMap((folder) => {
    const watcher = openWatcher(folder.dir);
    if (!watcher) return [];
    watcher.on('change', (_event, name) => {
      // Some platforms do not name the entry; then any change may matter.
      if (name === null) onChange(folder.dir);
      else if (folder.accepts(name.toString())) onChange(join(folder.dir, name.toString()));
    });
    // The folder itself was removed (reported as an error on some platforms). Its parent's watch
    // sees it go, and the caller watches its replacement.
    watcher.on('error', () => watcher.close());
    return [watcher];
  });
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}

function openWatcher(dir: string): FSWatcher | undefined {
  try {
    return watch(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
