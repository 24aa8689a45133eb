import type { TranslationFile } from '../model/translation.js';
import { parseUnitId } from './unit-id.js';

/**
 * The language whose existing translations a returned file repeats word for word, when it does so
 * for at least half of the units it would change (and two or more): a file exported for French and
 * relabelled `es` throughout carries the French translations, which no `xml:lang` attribute gives
 * away. Real edits in a CAT tool are new text, so they never match another language's file.
 */
export function relabelledFrom(
  changed: ReadonlyMap<string, string>,
  others: Iterable<TranslationFile>,
): { lang: string; units: number } | undefined {
  let found: { lang: string; units: number } | undefined;
  for (const other of others) {
    let units = 0;
    for (const [id, text] of changed) {
      const at = parseUnitId(id);
      if (!at) continue;
      const entries = at.scope === 'interface' ? other.interface : other.statements.get(at.scope);
      if (entries?.get(at.key)?.text === text) units++;
    }
    if (units >= 2 && units * 2 >= changed.size && units > (found?.units ?? 0)) found = { lang: other.lang, units };
  }
  return found;
}
