import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { Canonical } from '../model/project.js';
import { loadConfig, loadInterfaceStrings, loadStatements, readText } from './project.js';

export async function loadCanonical(root: string): Promise<Canonical> {
  const config = await loadConfig(root);
  return { root, config, statements: await loadStatements(root, config), interfaceStrings: await loadInterfaceStrings(root) };
}

export interface TranslationSource {
  path: string;
  /** The name used in messages, relative to the project. */
  file: string;
  /** The file's text; undefined when the language has no file yet. */
  text: string | undefined;
}

/** translations/<lang>.yaml, refusing any code that would lead outside the translations folder. */
export function translationPath(root: string, config: Config, lang: string): string {
  const dir = resolve(root, config.translations);
  const path = resolve(dir, `${lang}.yaml`);
  if (!path.startsWith(dir + sep) || path.slice(dir.length + 1).includes(sep)) {
    throw new UsageError(`"${lang}" cannot name a translation file`, undefined, 'use a language code such as de or pt-BR.');
  }
  return path;
}

export async function readTranslationSource(root: string, config: Config, lang: string): Promise<TranslationSource> {
  const path = translationPath(root, config, lang);
  const file = relative(root, path);
  if (!(await exists(path))) return { path, file, text: undefined };
  return { path, file, text: (await readText(root, path)).text };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export function configPath(root: string): string {
  return join(root, CONFIG_FILE);
}
