import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { languageCode } from '../add-lang/add-lang.js';
import { UsageError } from '../errors.js';
import { GITIGNORE_FILE, missingIgnores, scaffoldFiles } from './scaffold.js';
import { loadCanonical } from '../io/translation-files.js';
import { syncLanguage } from '../sync/sync.js';

export interface InitOptions {
  /** The new project's folder; made if it does not exist. */
  dir: string;
  langs: string[];
  githubActions?: boolean;
  /** The folder as the user typed it, for messages; default: dir. */
  shownDir?: string;
  /** The example statement's date; default today. */
  date?: Date;
}

export interface InitResult {
  /** Every file written, absolute, in the order written. */
  created: string[];
  /** The .gitignore that was there and had lines added. */
  extended?: string;
}

/**
 * `broadside init [DIR]`: a project of one's own, ready to build: broadside.yaml, an example
 * statement, a translation file per language listing every passage to translate, a .gitignore for
 * what Broadside makes and, if asked, a GitHub Actions workflow. It never replaces a file: it
 * refuses before writing anything if one of them is there (a .gitignore only gets the missing lines).
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const langs = targetLanguages(options.langs);
  const date = (options.date ?? new Date()).toISOString().slice(0, 10);
  const files = scaffoldFiles({ langs, githubActions: Boolean(options.githubActions), date });
  const at = (path: string): string => join(options.dir, path);
  if ((await stat(options.dir).catch(() => undefined))?.isDirectory() === false) {
    throw new UsageError(`${options.shownDir ?? options.dir} is a file, not a folder`, undefined, 'name a new or empty folder for the project, e.g. `broadside init my-statements`.');
  }
  const translations = langs.map((code) => at(`translations/${code}.yaml`));
  const targets = [...files.map((f) => at(f.path)), ...translations];
  const existing = (await Promise.all(targets.map(async (path) => ((await exists(path)) ? path : undefined)))).filter((p) => p !== undefined);
  if (existing.length) {
    throw new UsageError(
      `${options.shownDir ?? options.dir} already has ${existing.map((p) => relative(options.dir, p)).join(', ')}, so nothing was written`,
      undefined,
      'choose a new or empty folder, e.g. `broadside init my-statements`; to add a language to a project, use `broadside add-lang <code>`.',
    );
  }
  const created: string[] = [];
  const create = async (path: string, text: string): Promise<void> => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { flag: 'wx' });
    created.push(path);
  };
  for (const file of files) await create(at(file.path), file.text);
  const canonical = await loadCanonical(options.dir);
  for (const code of langs) {
    const translation = await syncLanguage(canonical, code);
    await create(translation.path, translation.text);
  }
  const gitignore = at(GITIGNORE_FILE);
  const previous = await readFile(gitignore, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (previous === undefined) {
    await create(gitignore, `# Made again by Broadside (build, review, xliff export, release)\n${missingIgnores('').join('\n')}\n`);
    return { created };
  }
  const missing = missingIgnores(previous);
  if (missing.length) await writeFile(gitignore, `${previous}${previous === '' || previous.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
  return { created, extended: missing.length ? gitignore : undefined };
}

/** The codes asked for, canonical, without the source language and without repeats. */
function targetLanguages(requested: string[]): string[] {
  const codes = requested.map(languageCode);
  const source = codes.find((code) => code === 'en');
  if (source) throw new UsageError('"en" is the source language of a new project', undefined, 'list only the languages to translate into, such as --lang he,ar,fr.');
  const twice = codes.find((code, i) => codes.indexOf(code) !== i);
  if (twice) throw new UsageError(`"${twice}" is listed twice`, undefined, 'name each language once, such as --lang he,ar,fr.');
  return codes;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
