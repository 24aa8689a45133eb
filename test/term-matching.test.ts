import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileForm, findForm, wordsOf, type FormMatch } from '../src/checks/term-match.js';
import { REPO } from './helpers.js';

interface LabelledSet {
  language: string;
  terms: Record<string, string[]>;
  sentences: Array<{ from: string; text: string; found?: Record<string, string[]>; notFound?: string[] }>;
}

const LANGUAGES = ['he', 'ar', 'es', 'fr'];

function load(lang: string): LabelledSet {
  return parse(readFileSync(join(REPO, 'test/fixtures/term-matching', `${lang}.yaml`), 'utf8')) as LabelledSet;
}

/** Where any form of a term occurs in `text`, overlapping finds of two forms counted once. */
function occurrences(forms: string[], lang: string, text: string): FormMatch[] {
  const words = wordsOf(text);
  const all = forms.flatMap((form) => findForm(compileForm(form, lang), words, text)).sort((a, b) => a.start - b.start || b.end - a.end);
  return all.filter((match, index) => index === 0 || match.start >= all[index - 1]!.end);
}

/** What a search for the forms as plain strings (any case) finds, for comparison. */
function substrings(forms: string[], _lang: string, text: string): FormMatch[] {
  const lower = text.toLowerCase();
  return forms.flatMap((form) => [...lower.matchAll(new RegExp(form.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({ start: m.index, end: m.index + form.length, text: text.slice(m.index, m.index + form.length) })));
}

/** True positives, false positives and false negatives over every term and sentence of the set. */
function score(set: LabelledSet, find = occurrences): { tp: number; fp: number; fn: number; labelled: number; errors: string[] } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let labelled = 0;
  const errors: string[] = [];
  for (const sentence of set.sentences) {
    labelled += Object.values(sentence.found ?? {}).flat().length + (sentence.notFound ?? []).length;
    for (const [term, forms] of Object.entries(set.terms)) {
      const expected = [...(sentence.found?.[term] ?? [])];
      for (const match of find(forms, set.language, sentence.text)) {
        const at = expected.indexOf(match.text);
        if (at >= 0) {
          expected.splice(at, 1);
          tp++;
        } else {
          fp++;
          errors.push(`${term}: found “${match.text}” in “${sentence.text}”`);
        }
      }
      fn += expected.length;
      for (const missed of expected) errors.push(`${term}: missed “${missed}” in “${sentence.text}”`);
    }
  }
  return { tp, fp, fn, labelled, errors };
}

describe.each(LANGUAGES)('term matching in %s, measured on labelled sentences', (lang) => {
  const set = load(lang);

  it('labels only what the sentences say', () => {
    expect(set.language).toBe(lang);
    for (const sentence of set.sentences) {
      expect(sentence.from.length).toBeGreaterThan(0);
      for (const [term, found] of Object.entries(sentence.found ?? {})) {
        expect(Object.keys(set.terms)).toContain(term);
        for (const text of found) expect(sentence.text).toContain(text);
      }
      for (const text of sentence.notFound ?? []) expect(sentence.text).toContain(text);
    }
  });

  it('has at least 40 labelled occurrences: prefixed or inflected finds and look-alikes', () => {
    expect(score(set).labelled).toBeGreaterThanOrEqual(40);
  });

  it('reaches precision and recall of at least 0.95', () => {
    const { tp, fp, fn, labelled, errors } = score(set);
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const plain = score(set, substrings);
    console.log(
      `${lang}: ${labelled} labelled occurrences in ${set.sentences.length} sentences; precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})` +
        ` [plain string search: precision ${(plain.tp / (plain.tp + plain.fp)).toFixed(3)}, recall ${(plain.tp / (plain.tp + plain.fn)).toFixed(3)}]${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('what plain string search gets wrong', () => {
  const find = (form: string, lang: string, text: string): string[] => occurrences([form], lang, text).map((m) => m.text);

  it('finds Hebrew and Arabic words behind their prefixes, and not inside other words', () => {
    expect(find('הכיבוש', 'he', 'לכיבוש, מהכיבוש ושהכיבוש; לא כבישים')).toEqual(['לכיבוש', 'מהכיבוש', 'ושהכיבוש']);
    expect(find('שני העמים', 'he', 'לשני עמים, ושני פעמים')).toEqual(['לשני עמים']);
    expect(find('اليهود التقدميين', 'ar', 'لليهود التقدميين واليهود التقدميون لليهودية التقدمية')).toEqual(['لليهود التقدميين', 'واليهود التقدميون']);
  });

  it('follows Spanish and French gender and number, and only where a word agrees', () => {
    expect(find('ocupación', 'es', 'las ocupaciones y la preocupación')).toEqual(['ocupaciones']);
    expect(find('judío', 'es', 'judías, judíos y judaísmo')).toEqual(['judías', 'judíos']);
    expect(find('Estado de derecho', 'es', 'un Estado de derecha, los Estados de derecho')).toEqual(['Estados de derecho']);
    expect(find('juif', 'fr', 'juive, juives, juifs, judaïsme')).toEqual(['juive', 'juives', 'juifs']);
  });

  it('tells capitals apart only when asked to', () => {
    const text = 'la ley del Estado-nación y la Ley del Estado-Nación';
    expect(find('ley del Estado-nación', 'es', text)).toHaveLength(2);
    expect(findForm(compileForm('Ley del Estado-Nación', 'es', true), wordsOf(text), text).map((m) => m.text)).toEqual(['Ley del Estado-Nación']);
  });
});
