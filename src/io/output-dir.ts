import { resolve } from 'node:path';
import { loadConfig } from './project.js';

/**
 * The folder typed on the command line (read from the current folder), else the project's
 * configured `output`, else `dist` in the current folder when there is no project.
 */
export async function outputDir(cwd: string, root: string | undefined, given?: string): Promise<string> {
  if (given !== undefined) return resolve(cwd, given);
  return root === undefined ? resolve(cwd, 'dist') : resolve(root, (await loadConfig(root)).output);
}
