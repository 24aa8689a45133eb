import { EventEmitter, once } from 'node:events';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, type BuildOptions, type BuildResult } from '../build/build.js';
import { CONFIG_FILE } from '../config/load.js';
import { watchFolders, type WatchedFolder } from '../io/folder-watch.js';
import { loadConfig, TEMPLATES_DIR } from '../io/project.js';
import { TERMS_FILE } from '../readers/terms.js';

/** Saves closer together than this are one edit: editors write a file in several steps. */
const DEBOUNCE_MS = 150;

export interface Rebuild {
  /** Files saved since the previous build, relative to the project; empty for the first build. */
  changed: string[];
  durationMs: number;
}

export interface WatchCallbacks<T> {
  onResult(result: T, rebuild: Rebuild): void;
  /** A failed build; watching goes on, and the next save builds again. */
  onError(error: unknown, rebuild: Rebuild): void;
  /** Stops watching; the returned promise then resolves. */
  signal: AbortSignal;
}

export interface WatchOptions<T> extends WatchCallbacks<T> {
  root: string;
  rebuild(): Promise<T>;
}

/** `broadside build --watch`: builds, then builds again after every save until `signal` aborts. */
export function watchBuild(options: BuildOptions, callbacks: WatchCallbacks<BuildResult>): Promise<void> {
  return watchProject({ ...callbacks, root: options.root, rebuild: () => build({ ...options, signal: callbacks.signal }) });
}

/**
 * Runs `rebuild` once, then again after each burst of saves to the project's configuration,
 * termbase, statements or translations or to Broadside's templates; never two at once, so saves made during
 * a build are collected for the next one. Resolves when `signal` aborts.
 */
export async function watchProject<T>(options: WatchOptions<T>): Promise<void> {
  const { root, signal } = options;
  const changes = new ChangeQueue();
  let stopWatching = watchFolders(await foldersToWatch(root), changes.add);
  try {
    let changed: string[] = [];
    while (!signal.aborted) {
      await runBuild(options, changed);
      changed = (await changes.nextBurst(DEBOUNCE_MS, signal)).map((path) => relative(root, path));
      // Watched afresh for every build, the new watches opened before the old ones close: this
      // follows a change of folders in broadside.yaml and folders that were deleted and made again.
      const previous = stopWatching;
      stopWatching = watchFolders(await foldersToWatch(root), changes.add);
      previous();
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    stopWatching();
  }
}

async function runBuild<T>(options: WatchOptions<T>, changed: string[]): Promise<void> {
  const started = performance.now();
  let result: T;
  try {
    result = await options.rebuild();
  } catch (error) {
    if (!options.signal.aborted) options.onError(error, { changed, durationMs: performance.now() - started });
    return;
  }
  options.onResult(result, { changed, durationMs: performance.now() - started });
}

/**
 * While broadside.yaml cannot be read, only it and the templates are watched: no build can succeed
 * until it is fixed, and the save that fixes it starts a build that reads everything.
 */
async function foldersToWatch(root: string): Promise<WatchedFolder[]> {
  const rootEntries = [CONFIG_FILE, TERMS_FILE];
  const folders: WatchedFolder[] = [{ dir: TEMPLATES_DIR, accepts: (name) => visible(name) && /\.(html|css|yaml)$/.test(name) }];
  try {
    const config = await loadConfig(root);
    folders.push({ dir: join(root, config.statements), accepts: (name) => visible(name) && name.endsWith('.md') });
    folders.push({ dir: join(root, config.translations), accepts: (name) => visible(name) && name.endsWith('.yaml') });
    // Their top-level folders too, so that a folder created or replaced after the start is noticed.
    rootEntries.push(...[config.statements, config.translations].map((folder) => relative(root, join(root, folder)).split(sep)[0]!));
  } catch {
    // Reported by the build itself.
  }
  folders.push({ dir: root, accepts: (name) => rootEntries.includes(name) });
  return folders;
}

/** Editors' swap, lock and backup files start with a dot (.he.yaml.swp, .#he.yaml). */
function visible(name: string): boolean {
  return !name.startsWith('.');
}

/** Changed paths, handed out in bursts: once no change has come for a quiet period. */
class ChangeQueue {
  private readonly paths = new Set<string>();
  private readonly events = new EventEmitter();
  private lastChange = 0;

  readonly add = (path: string): void => {
    this.paths.add(path);
    this.lastChange = performance.now();
    this.events.emit('change');
  };

  /** Rejects with an AbortError when `signal` aborts. */
  async nextBurst(quietMs: number, signal: AbortSignal): Promise<string[]> {
    if (this.paths.size === 0) await once(this.events, 'change', { signal });
    for (let idle = performance.now() - this.lastChange; idle < quietMs; idle = performance.now() - this.lastChange) {
      await sleep(quietMs - idle, undefined, { signal });
    }
    const burst = [...this.paths].sort();
    this.paths.clear();
    return burst;
  }
}
