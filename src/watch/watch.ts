import { EventEmitter, once } from 'node:events';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BuildOptions, BuildResult } from '../build/build.js';
import { BuildSession } from '../build/session.js';
import { CONFIG_FILE } from '../config/load.js';
import { watchFolders, type WatchedFolder } from '../io/folder-watch.js';
import { loadConfig, TEMPLATES_DIR } from '../io/project.js';
import { TERMS_FILE } from '../readers/terms.js';

/**
 * Saves closer together than this are one edit: editors write a file in several steps (write and
 * rename, truncate and write, a backup first), all within a few milliseconds of each other. A burst
 * that outlasts it costs little: the build it started is abandoned at the next save.
 */
export const QUIET_MS = 50;

export interface Rebuild {
  /** Files saved since the previous build, relative to the project; empty for the first build. */
  changed: string[];
  durationMs: number;
}

export interface WatchCallbacks<T> {
  onResult(result: T, rebuild: Rebuild): void;
  /** A failed build; watching goes on, and the next save builds again. */
  onError(error: unknown, rebuild: Rebuild): void;
  /** A build overtaken by a save and given up; the next build has its changes too. */
  onAbandoned?(rebuild: Rebuild): void;
  /** Stops watching; the returned promise then resolves. */
  signal: AbortSignal;
}

export interface WatchOptions<T> extends WatchCallbacks<T> {
  root: string;
  /** One build; `signal` aborts when a save overtakes it or watching stops. */
  rebuild(signal: AbortSignal): Promise<T>;
  /** How long no save must come before a burst of saves is built (default QUIET_MS). */
  quietMs?: number;
}

/** `broadside build --watch`: builds, then builds again after every save until `signal` aborts. */
export async function watchBuild(options: BuildOptions, callbacks: WatchCallbacks<BuildResult>): Promise<void> {
  const session = new BuildSession();
  try {
    await watchProject({ ...callbacks, root: options.root, rebuild: (signal) => session.build({ ...options, signal }) });
  } finally {
    await session.close();
  }
}

/**
 * Runs `rebuild` once, then again after each burst of saves to the project's configuration,
 * termbase, statements or translations or to Broadside's templates; never two at once. A save made
 * during a build abandons it (its signal aborts), and its changes go with the next. Resolves when
 * `signal` aborts.
 */
export async function watchProject<T>(options: WatchOptions<T>): Promise<void> {
  const { root, signal } = options;
  const changes = new ChangeQueue();
  let stopWatching = watchFolders(await foldersToWatch(root), changes.add);
  try {
    let changed: string[] = [];
    while (!signal.aborted) {
      const abandoned = await runBuild(options, changed, changes);
      const burst = (await changes.nextBurst(options.quietMs ?? QUIET_MS, signal)).map((path) => relative(root, path));
      changed = abandoned ? [...new Set([...changed, ...burst])].sort() : burst;
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

/** One build, abandoned when a change comes or watching stops; true when it was abandoned. */
async function runBuild<T>(options: WatchOptions<T>, changed: string[], changes: ChangeQueue): Promise<boolean> {
  const started = performance.now();
  const build = new AbortController();
  const abandon = (): void => build.abort();
  options.signal.addEventListener('abort', abandon, { once: true });
  changes.events.once('change', abandon);
  let result: T;
  try {
    result = await options.rebuild(build.signal);
  } catch (error) {
    const rebuild = { changed, durationMs: performance.now() - started };
    if (options.signal.aborted) return false;
    if (build.signal.aborted) {
      options.onAbandoned?.(rebuild);
      return true;
    }
    options.onError(error, rebuild);
    return false;
  } finally {
    options.signal.removeEventListener('abort', abandon);
    changes.events.off('change', abandon);
  }
  // Finished before the abort could stop it: its output is written, so it counts.
  options.onResult(result, { changed, durationMs: performance.now() - started });
  return false;
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
  readonly events = new EventEmitter();
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
