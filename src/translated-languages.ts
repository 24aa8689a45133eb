import type { Config } from './config/schema.js';
import { UsageError } from './errors.js';
import { languagesOf, type Language } from './localize/language.js';

/** The languages a translator command works on: those requested (all when none), never the source. */
export function translatedLanguages(config: Config, requested: readonly string[]): Language[] {
  const all = languagesOf(config);
  const translated = all.filter((l) => !l.isSource);
  if (requested.length === 0) return translated;
  return requested.map((code) => {
    if (code === config.sourceLanguage) {
      throw new UsageError(`"${code}" is the source language; it has nothing to translate`, undefined, `choose from: ${translated.map((l) => l.code).join(', ') || '(none configured)'}.`);
    }
    const found = translated.find((l) => l.code === code);
    if (!found) throw new UsageError(`the language "${code}" is not configured`, undefined, `choose from: ${translated.map((l) => l.code).join(', ') || '(none configured)'} (or add it with \`broadside add-lang ${code}\`).`);
    return found;
  });
}
