import { addLanguageToConfig } from '../config/add-language.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readText } from '../io/project.js';
import { configPath, loadCanonical } from '../io/translation-files.js';
import type { Canonical } from '../model/project.js';
import { canonicalLanguageTag, directionOf, type Direction } from '../model/languages.js';
import { interfaceStatuses, segmentStatuses } from '../localize/statuses.js';
import { readTranslation } from '../readers/translation.js';
import { syncLanguage } from '../sync/sync.js';

export interface AddedLanguage {
  code: string;
  dir: Direction;
  /** The language's English name (for messages). */
  name: string;
  configFile: string;
  translationFile: string;
  /** A translation file was already there (for example sent by a translator); it was kept and completed. */
  keptExisting: boolean;
  /** Passages with no current translation in the file now. */
  toTranslate: number;
}

/**
 * `broadside add-lang <code>`: the language joins the configuration and gets a translation file
 * listing every passage to translate. The code is checked before any file is read or written.
 */
export async function addLanguage(root: string, requested: string, { force = false } = {}): Promise<AddedLanguage> {
  const code = languageCode(requested);
  const unknown = unknownSubtags(code);
  if (unknown.length && !force) {
    throw new UsageError(`"${requested}" is not a language Broadside knows: ${unknown.join(' and ')} ${unknown.length > 1 ? 'are' : 'is'} not in the Unicode CLDR data`, undefined, `check the code (such as fa for Persian, pt-BR for Portuguese as written in Brazil, zh-Hant for Chinese in traditional characters); if it is right, add it anyway with \`broadside add-lang ${code} --force\`.`);
  }
  const canonical = await loadCanonical(root);
  const { config } = canonical;
  if (code === config.sourceLanguage) throw new UsageError(`"${code}" is the source language`, undefined, 'add a language to translate into.');
  if (new Intl.Locale(code).language === new Intl.Locale(config.sourceLanguage).language) {
    throw new UsageError(`"${code}" is a variant of the source language ${config.sourceLanguage}, which the statements are written in`, undefined, `add a language to translate into; to publish for ${englishName(code)} readers, edit the statements themselves.`);
  }
  if (config.languages.some((l) => l.code === code)) {
    throw new UsageError(`the language "${code}" is already configured`, undefined, `run \`broadside sync --lang ${code}\` to bring its translation file up to date.`);
  }
  const path = configPath(root);
  const { file: configFile, text: configText } = await readText(root, path);
  const updatedConfig = addLanguageToConfig(configText, configFile, code);
  const translation = await syncLanguage(canonical, code);
  // The configuration first: if the second write fails, the language is configured with no file
  // yet, which every command accepts (everything is untranslated) and `sync` completes.
  await writeFileAtomic(path, updatedConfig);
  await writeFileAtomic(translation.path, translation.text);
  return {
    code,
    dir: directionOf(code),
    name: englishName(code),
    configFile,
    translationFile: translation.file,
    keptExisting: !translation.created,
    toTranslate: untranslated(canonical, code, translation.file, translation.text),
  };
}

function untranslated({ statements, interfaceStrings }: Canonical, lang: string, file: string, text: string): number {
  const translation = readTranslation(lang, file, text, new Set(statements.map((s) => s.id)), new Map(statements.map((s) => [s.id, s.definitions])));
  const units = [...interfaceStatuses(interfaceStrings, translation), ...statements.flatMap((s) => segmentStatuses(s, translation))];
  return units.filter((u) => u.state !== 'translated').length;
}

function englishName(code: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(code) ?? code;
}

/** The language, script and region subtags of `code` that the CLDR data has no English name for. */
function unknownSubtags(code: string): string[] {
  const { language, script, region } = new Intl.Locale(code);
  const named = (type: Intl.DisplayNamesType, subtag: string): boolean => new Intl.DisplayNames(['en'], { type, fallback: 'none' }).of(subtag) !== undefined;
  return [
    ...(named('language', language) ? [] : [`the language "${language}"`]),
    ...(script && !named('script', script) ? [`the script "${script}"`] : []),
    ...(region && !named('region', region) ? [`the region "${region}"`] : []),
  ];
}

/** The canonical form of a BCP 47 code (pt-br → pt-BR); anything else, paths included, is refused. */
export function languageCode(requested: string): string {
  const code = canonicalLanguageTag(requested);
  if (code === undefined) {
    throw new UsageError(`"${requested}" is not a BCP 47 language code`, undefined, 'use a code such as de, pt-BR, zh-Hant or fa (language, then optional script and region, joined by hyphens).');
  }
  return code;
}
