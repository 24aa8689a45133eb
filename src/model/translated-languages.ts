import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { canonicalLanguageTag } from './languages.js';
import { languagesOf, type Language } from '../localize/language.js';

/** The languages named with --lang (all when none), refusing codes that are not configured. */
export function selectLanguages(languages: Language[], requested: readonly string[]): Language[] {
  if (requested.length === 0) return languages;
  const choices = languages.map((l) => l.code).join(', ') || '(none configured)';
  return requested.map((code) => {
    const found = languages.find((l) => l.code === code);
    if (found) return found;
    if (canonicalLanguageTag(code) === undefined) {
      throw new UsageError(`${JSON.stringify(code)} is not a language code`, undefined, `write a BCP 47 code such as he or pt-BR; configured here: ${choices}.`);
    }
    throw new UsageError(`the language "${code}" is not configured`, undefined, `choose from: ${choices} (or add it with \`broadside add-lang ${code}\`).`);
  });
}

/** The languages a translator command works on: those requested (all when none), never the source. */
export function translatedLanguages(config: Config, requested: readonly string[]): Language[] {
  const translated = languagesOf(config).filter((l) => !l.isSource);
  if (requested.includes(config.sourceLanguage)) {
    throw new UsageError(`"${config.sourceLanguage}" is the source language; it has nothing to translate`, undefined, `choose from: ${translated.map((l) => l.code).join(', ') || '(none configured)'}.`);
  }
  return selectLanguages(translated, requested);
}
