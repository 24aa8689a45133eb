import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkTranslations, type CheckReport } from '../checks/check.js';
import { XLIFF_FOLDER } from '../config/schema.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadProject } from '../io/project.js';
import { selectStatements, type Project } from '../model/project.js';
import { readTranslationSource } from '../io/translation-files.js';
import { canonicalLanguageTag } from '../model/languages.js';
import { languagesOf } from '../localize/language.js';
import type { TranslationFile } from '../model/translation.js';
import { decodeSourceText } from '../readers/source-text.js';
import { shownPath } from '../report/shown-path.js';
import { readTranslation } from '../readers/translation.js';
import { interfaceScope, statementScope } from '../sync/scopes.js';
import { INTERFACE_SCOPE } from '../sync/document.js';
import { emptyTranslationText } from '../sync/sync-text.js';
import { translatedLanguages } from '../model/translated-languages.js';
import { importXliff, type ImportResult } from './import.js';
import { readXliff, type ReturnedXliff } from './read.js';
import { relabelledFrom } from './relabelled.js';
import { parseUnitId, unitId } from './unit-id.js';
import { xliffDocument } from './units.js';
import { DEFAULT_XLIFF_VERSION, writeXliff, type XliffVersion } from './write.js';

export interface ExportOptions {
  root: string;
  lang: string;
  statements?: string[];
  version?: XliffVersion;
  copySource?: boolean;
}

/** `broadside xliff export`: one language's units, with their state, as XLIFF text, and where it goes by default. */
export async function exportXliff(options: ExportOptions): Promise<{ text: string; units: number; defaultPath: string }> {
  const project = await loadProject(options.root);
  const [language] = translatedLanguages(project.config, [options.lang]);
  const source = languagesOf(project.config).find((l) => l.isSource)!;
  const lang = language!.code;
  const doc = xliffDocument(selectStatements(project, options.statements ?? []), project.interfaceStrings, project.translations.get(lang), source, language!);
  const version = options.version ?? DEFAULT_XLIFF_VERSION;
  return {
    text: writeXliff(doc, version, { copySource: options.copySource ?? false }),
    units: doc.files.reduce((sum, f) => sum + f.units.length, 0),
    defaultPath: resolve(project.root, XLIFF_FOLDER, `${lang}-${version}.xlf`),
  };
}

export interface ImportSummary extends ImportResult {
  lang: string;
  translationFile: string;
  /** The translation checks' findings on the units brought in. */
  checks: CheckReport;
  /** False when --strict refused the file because a check found an error. */
  written: boolean;
}

/** Larger than any statement's XLIFF by far (the shipped one is about 40 KB); a bigger file is refused unread. */
export const MAX_XLIFF_BYTES = 32 * 1024 * 1024;

/**
 * `broadside xliff import FILE`: validates the file against the current canonical, runs the
 * translation checks on the units it brings in, then writes its translations (with `strict`, only
 * when no check finds an error).
 */
export async function importXliffFile(root: string, path: string, { strict = false, shown }: { strict?: boolean; shown?: string } = {}): Promise<ImportSummary> {
  const absolute = resolve(root, path);
  const file = shown ?? shownPath(root, path);
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
  const changed = [...result.translated, ...result.confirmed];
  const imported = readTranslation(lang, source.file, result.text, new Set(project.statements.map((s) => s.id)));
  refuseRelabelled(project, lang, imported, result.translated, file);
  const checks = changed.length ? checkImported(project, imported, changed) : { languages: [lang], findings: [], errors: 0, warnings: 0 };
  const written = changed.length > 0 && !(strict && checks.errors > 0);
  if (written) await writeFileAtomic(source.path, result.text);
  return { ...result, lang, translationFile: source.file, checks, written };
}

/** A file whose new translations are another language's, word for word, was relabelled: refused before it overwrites anything. */
function refuseRelabelled(project: Project, lang: string, imported: TranslationFile, translated: string[], file: string): void {
  const changed = new Map<string, string>();
  for (const id of translated) {
    const at = parseUnitId(id)!;
    const text = (at.scope === 'interface' ? imported.interface : imported.statements.get(at.scope))?.get(at.key)?.text;
    if (text) changed.set(id, text);
  }
  const others = [...project.translations.values()].filter((t) => t.lang !== lang);
  const from = relabelledFrom(changed, others);
  if (from) {
    throw new InputError(
      `${from.units} of the ${changed.size} translations this file brings into "${lang}" are word for word the "${from.lang}" translations; nothing was written`,
      { file },
      `the file looks like a "${from.lang}" file relabelled "${lang}": import it for "${from.lang}" unchanged, or export a new file with \`broadside xliff export ${lang}\`.`,
    );
  }
}

/** The translation checks on the imported units, as the translation file will be once written. */
function checkImported(project: Project, imported: TranslationFile, unitIds: string[]): CheckReport {
  const lang = imported.lang;
  const translations = new Map(project.translations);
  translations.set(lang, imported);
  const report = checkTranslations({ ...project, translations }, { langs: [lang] });
  const wanted = new Set(unitIds);
  const findings = report.findings.filter((f) => wanted.has(unitId(f.statement ?? INTERFACE_SCOPE, (f.key ?? '').replace(/^interface\./, ''))));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { languages: [lang], findings, errors, warnings: findings.length - errors };
}

async function readXliffBytes(path: string, file: string): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    if (size > MAX_XLIFF_BYTES) {
      throw new InputError(
        `${file} is ${(size / 1024 / 1024).toFixed(0)} MB; Broadside reads XLIFF files of up to ${MAX_XLIFF_BYTES / 1024 / 1024} MB`,
        { file },
        'export and import one statement at a time (`broadside xliff export LANG STATEMENT`), or check that this is the file your tool saved.',
      );
    }
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
 * accepted when exactly one configured language has the same primary language. Every target's
 * `xml:lang` must agree with the file's: a file relabelled for another language is refused before
 * it can overwrite that language's translations.
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
  const lang = matches[0]!;
  for (const unit of xliff.units) {
    const unitLang = unit.targetLang === undefined ? undefined : canonicalLanguageTag(unit.targetLang);
    if (unit.targetLang !== undefined && (unitLang === undefined || primary(unitLang) !== primary(lang))) {
      throw new InputError(
        `unit "${unit.id}" has a target in "${unit.targetLang}", but the file is for "${xliff.targetLang}"`,
        { file, line: unit.line, column: unit.column },
        'the languages in the file contradict each other (was it relabelled?); import the file your tool saved for one language, unchanged, or export a new one with `broadside xliff export LANG`.',
      );
    }
  }
  return lang;
}
