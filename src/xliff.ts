import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { XLIFF_FOLDER } from './config/schema.js';
import { InputError } from './errors.js';
import { writeFileAtomic } from './io/atomic-write.js';
import { loadProject, selectStatements, type Project } from './io/project.js';
import { readTranslationSource } from './io/translation-files.js';
import { canonicalLanguageTag } from './languages.js';
import { languagesOf } from './localize/language.js';
import { decodeSourceText } from './readers/source-text.js';
import { interfaceScope, statementScope } from './sync/scopes.js';
import { emptyTranslationText } from './sync/sync-text.js';
import { translatedLanguages } from './translated-languages.js';
import { importXliff, type ImportResult } from './xliff/import.js';
import { readXliff, type ReturnedXliff } from './xliff/read.js';
import { xliffDocument } from './xliff/units.js';
import { writeXliff, type XliffVersion } from './xliff/write.js';

export interface ExportOptions {
  root: string;
  lang: string;
  statements?: string[];
  version?: XliffVersion;
}

/** `broadside xliff export`: one language's units, with their state, as XLIFF text, and where it goes by default. */
export async function exportXliff(options: ExportOptions): Promise<{ text: string; units: number; defaultPath: string }> {
  const project = await loadProject(options.root);
  const [language] = translatedLanguages(project.config, [options.lang]);
  const source = languagesOf(project.config).find((l) => l.isSource)!;
  const lang = language!.code;
  const doc = xliffDocument(selectStatements(project, options.statements ?? []), project.interfaceStrings, project.translations.get(lang), source, language!);
  const version = options.version ?? '2.0';
  return {
    text: writeXliff(doc, version),
    units: doc.files.reduce((sum, f) => sum + f.units.length, 0),
    defaultPath: resolve(project.root, XLIFF_FOLDER, `${lang}-${version}.xlf`),
  };
}

export interface ImportSummary extends ImportResult {
  lang: string;
  translationFile: string;
}

/**
 * `broadside xliff import FILE`: validates the file against the current canonical, then writes its
 * translations. `shown` names the file in messages (default: relative to the project).
 */
export async function importXliffFile(root: string, path: string, shown?: string): Promise<ImportSummary> {
  const absolute = resolve(root, path);
  const file = shown ?? (relative(root, absolute) || absolute);
  const xliff = readXliff(decodeSourceText(await readXliffBytes(absolute, file), file), file);
  const project = await loadProject(root);
  const lang = languageOf(xliff, project, file);
  const source = await readTranslationSource(root, project.config, lang);
  const result = importXliff(xliff, {
    file,
    scopes: [interfaceScope(project.interfaceStrings), ...project.statements.map(statementScope)],
    translation: project.translations.get(lang),
    yaml: source.text ?? emptyTranslationText(lang, project.config.sourceLanguage),
    yamlFile: source.file,
  });
  if (result.translated.length || result.confirmed.length) await writeFileAtomic(source.path, result.text);
  return { ...result, lang, translationFile: source.file };
}

async function readXliffBytes(path: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new InputError(`cannot read ${file} (${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : 'permission denied'})`, { file }, 'give the path of the .xlf file your translation tool saved.');
    }
    throw error;
  }
}

/**
 * The configured language the file is for. Tools sometimes add a region (he-IL for he); that is
 * accepted when exactly one configured language has the same primary language.
 */
function languageOf(xliff: ReturnedXliff, project: Project, file: string): string {
  const at = { file, ...xliff.languagesAt };
  const translated = translatedLanguages(project.config, []).map((l) => l.code);
  const primary = (code: string): string => code.split('-')[0]!.toLowerCase();
  const sourceLang = canonicalLanguageTag(xliff.sourceLang ?? '');
  if (!sourceLang || primary(sourceLang) !== primary(project.config.sourceLanguage)) {
    throw new InputError(`the file translates from "${xliff.sourceLang ?? '(not given)'}", but the statements are in "${project.config.sourceLanguage}"`, at, 'import a file exported by `broadside xliff export`.');
  }
  const targetLang = canonicalLanguageTag(xliff.targetLang ?? '');
  const matches = targetLang === undefined ? [] : translated.includes(targetLang) ? [targetLang] : translated.filter((code) => primary(code) === primary(targetLang));
  if (matches.length !== 1) {
    throw new InputError(
      `the file is for the language "${xliff.targetLang ?? '(not given)'}", which is not configured`,
      at,
      `the configured languages are ${translated.join(', ')}; add the language with \`broadside add-lang\` first, or fix the target language in your tool.`,
    );
  }
  return matches[0]!;
}
