import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { loadConfig } from './project.js';

/** The folder given, else the project's configured `output`, else `dist` (also outside a project). */
export async function outputDir(root: string, given?: string): Promise<string> {
  if (given !== undefined) return resolve(root, given);
  const configured = await access(join(root, CONFIG_FILE)).then(
    () => true,
    () => false,
  );
  return resolve(root, configured ? (await loadConfig(root)).output : 'dist');
}
