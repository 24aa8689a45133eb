import { readdir, readFile } from 'node:fs/promises';
import { PACKAGE_ROOT } from './package-root.js';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { CONFIG_FILE, parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError, InputError } from '../errors.js';
import type { InterfaceStrings } from '../localize/localize.js';
import { STATEMENT_EXTENSION, STATEMENT_ID, statementId, unusableTranslationFile, type Project } from '../model/project.js';
import type { Statement } from '../model/statement.js';
import type { Termbase } from '../model/termbase.js';
import type { TranslationFile } from '../model/translation.js';
import { decodeSourceText } from '../readers/source-text.js';
import { readStatement } from '../readers/statement.js';
import { readTermbase, TERMS_FILE } from '../readers/terms.js';
import { readTranslation } from '../readers/translation.js';
import { ReadCache } from '../readers/read-cache.js';
import { parseYamlSource, validateYaml } from '../readers/yaml-source.js';

/** Broadside's own templates. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');


/**
 * Reads everything a build needs (the configuration too, unless given); the only place that reads
 * project files. With `reads`, a file read before with the same text is not parsed again.
 */
export async function loadProject(root: string, config?: Config, reads = new ReadCache()): Promise<Project> {
  config ??= await loadConfig(root);
  // Independent files are read at once; each is parsed (and any error reported) in a fixed order.
  const [statements, interfaceStrings, page, print, edition, editionPrint, terms] = await Promise.all([
    loadStatements(root, config, reads),
    loadInterfaceStrings(root, reads),
    readFile(join(TEMPLATES_DIR, 'page.html'), 'utf8'),
    readFile(join(TEMPLATES_DIR, 'print.css'), 'utf8'),
    readFile(join(TEMPLATES_DIR, 'edition.html'), 'utf8'),
    readFile(join(TEMPLATES_DIR, 'edition-print.css'), 'utf8'),
    loadTermbase(root, config, reads),
  ]);
  const translations = await loadTranslations(root, config, statements, reads);
  const project: Project = { root, config, statements, translations, interfaceStrings, templates: { page, print, edition, editionPrint } };
  if (terms) project.terms = terms;
  return project;
}

/** Files are named relative to the project folder in every message. */
function displayName(root: string, path: string): string {
  return relative(root, path) || path;
}

export async function readText(root: string, path: string): Promise<{ file: string; text: string }> {
  const file = displayName(root, path);
  return { file, text: decodeSourceText(await readFile(path), file) };
}

export async function loadConfig(root: string): Promise<Config> {
  const path = join(root, CONFIG_FILE);
  let source: { file: string; text: string };
  try {
    source = await readText(root, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(`no ${CONFIG_FILE} in ${root}`, { file: path }, `create ${CONFIG_FILE} listing your languages, or run Broadside from the project folder.`);
    }
    throw error;
  }
  return parseConfig(source.text, source.file);
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(extension)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function loadStatements(root: string, config: Config, reads = new ReadCache()): Promise<Statement[]> {
  const dir = join(root, config.statements);
  const names = await listFiles(dir, STATEMENT_EXTENSION);
  if (names.length === 0) throw new InputError(`no statements found in ${config.statements}/`, { file: config.statements }, 'add a Markdown file such as statements/mission-statement.md.');
  for (const name of names) {
    if (!STATEMENT_ID.test(statementId(name))) {
      throw new InputError(`"${name}" is not a usable statement file name`, { file: displayName(root, join(dir, name)) }, 'name statements with lower-case letters, digits and hyphens, e.g. mission-statement.md.');
    }
  }
  const sources = await Promise.all(names.map((name) => readText(root, join(dir, name))));
  return sources.map(({ file, text }, i) => reads.get(file, [text], () => readStatement(statementId(names[i]!), file, text)));
}

async function loadTranslations(root: string, config: Config, statements: readonly Statement[], reads: ReadCache): Promise<Map<string, TranslationFile>> {
  const ids = new Set(statements.map((s) => s.id));
  const definitions = new Map(statements.map((s) => [s.id, s.definitions]));
  const dir = join(root, config.translations);
  const names = await listFiles(dir, '.yaml');
  const langOf = (name: string): string => name.slice(0, -'.yaml'.length);
  for (const name of names) {
    const unusable = unusableTranslationFile(langOf(name), config);
    if (unusable) throw new InputError(unusable.why, { file: displayName(root, join(dir, name)) }, unusable.hint);
  }
  const sources = await Promise.all(names.map((name) => readText(root, join(dir, name))));
  // A translation is read against the statements: it is read again when any of them was.
  const readAgainst = [[...ids].join('\n'), ...statements];
  return new Map(sources.map(({ file, text }, i) => [langOf(names[i]!), reads.get(file, [text, ...readAgainst], () => readTranslation(langOf(names[i]!), file, text, ids, definitions))]));
}

/** The termbase at the project's root, or undefined when there is none. */
async function loadTermbase(root: string, config: Config, reads: ReadCache): Promise<Termbase | undefined> {
  let source: { file: string; text: string };
  try {
    source = await readText(root, join(root, TERMS_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const languages = config.languages.map((l) => l.code).filter((code) => code !== config.sourceLanguage);
  return reads.get(source.file, [source.text, config.sourceLanguage, languages.join('\n')], () => readTermbase(source.file, source.text, config.sourceLanguage, languages));
}

export async function loadInterfaceStrings(root: string, reads = new ReadCache()): Promise<InterfaceStrings> {
  const path = join(TEMPLATES_DIR, 'strings.yaml');
  const file = displayName(root, path);
  const text = decodeSourceText(await readFile(path), file);
  return reads.get(file, [text], () => {
    const strings = validateYaml(parseYamlSource(text, file), z.record(z.string(), z.string()), 'interface strings', 'each line is `key: English text`.');
    return { file, strings: new Map(Object.entries(strings)) };
  });
}
