import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakFinder, type PatternData } from '../src/render/liang.js';
import { REPO } from './helpers.js';

const require = createRequire(import.meta.url);

interface LanguageModule {
  patterns: PatternData;
  hyphenateSync(text: string, options: { hyphenChar: string }): string;
}

/** Where `hyphen`'s own function breaks a word, as offsets; it leaves words under five letters whole. */
function libraryBreaks(module: LanguageModule, word: string): number[] {
  const parts = module.hyphenateSync(word, { hyphenChar: '|' }).split('|');
  return parts.slice(0, -1).map((_, k) => parts.slice(0, k + 1).join('').length);
}

/** Every word of the shipped statement and its translations, by language. */
function projectWords(): Map<string, Set<string>> {
  const words = new Map<string, Set<string>>();
  const add = (lang: string, text: string): void => {
    const set = words.get(lang) ?? words.set(lang, new Set()).get(lang)!;
    for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) set.add(word);
  };
  for (const file of readdirSync(join(REPO, 'statements'))) add('en', readFileSync(join(REPO, 'statements', file), 'utf8'));
  for (const file of readdirSync(join(REPO, 'translations'))) add(file.replace(/\.yaml$/, ''), readFileSync(join(REPO, 'translations', file), 'utf8'));
  return words;
}

describe('hyphenation by Liang over the hyphen package patterns', () => {
  const languages = { en: 'hyphen/en', es: 'hyphen/es', fr: 'hyphen/fr', de: 'hyphen/de', pt: 'hyphen/pt' };

  it('breaks every word of the shipped texts where hyphen itself does', () => {
    const words = projectWords();
    let compared = 0;
    for (const lang of ['en', 'es', 'fr'] as const) {
      const module = require(languages[lang]) as LanguageModule;
      const find = breakFinder(module.patterns);
      for (const word of words.get(lang)!) {
        if (word.length < 5 || /\p{Lu}/u.test(word)) continue;
        expect(find(word), `${lang} ${word}`).toEqual(libraryBreaks(module, word));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('agrees with hyphen on made-up words in five languages, exceptions included', () => {
    for (const [lang, path] of Object.entries(languages)) {
      const module = require(path) as LanguageModule;
      const find = breakFinder(module.patterns);
      const letters = lang === 'en' ? 'abcdefghijklmnopqrstuvwxyz' : lang === 'de' ? 'abcdefghijklmnopqrstuvwxyzäöüß' : 'abcdefghijklmnopqrstuvwxyzáéíóúàèêçñüôœ';
      const word = fc.array(fc.constantFrom(...letters), { minLength: 5, maxLength: 24 }).map((chars) => chars.join(''));
      fc.assert(fc.property(word, (w) => JSON.stringify(find(w)) === JSON.stringify(libraryBreaks(module, w))), { numRuns: 2000 });
      for (const exception of Object.keys(module.patterns[2] ?? {}).filter((w) => w.length >= 5)) expect(find(exception)).toEqual(libraryBreaks(module, exception));
    }
  });
});
