import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';

/** The folder holding broadside.yaml: `start` or the nearest folder above it, as git finds its repository. */
export async function findProjectRoot(start: string): Promise<string | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (await hasConfig(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function hasConfig(dir: string): Promise<boolean> {
  return stat(join(dir, CONFIG_FILE)).then(
    (found) => found.isFile(),
    () => false,
  );
}
