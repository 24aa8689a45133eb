import type { Language } from '../localize/language.js';
import type { Quotation, Term, TermForm, TermLanguage, Termbase } from '../model/termbase.js';
import { proseOf } from '../render/prose.js';
import { pairOf, type Subject } from './subject.js';
import { compileForm, findForm, wordsOf, type CompiledForm } from './term-match.js';

/** What the termbase says about one segment of one language: given to the terminology checks with its subject. */
export interface SegmentTerminology {
  /** The termbase file, for messages. */
  file: string;
  /** Each term the segment's English contains and the language renders, with what the translation uses. */
  terms: TermInSegment[];
  /** For each term id, the renderings a language must keep to one of, and the segments that use each. */
  usage: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** Each official text the segment's English quotes, with its wording in this language where the termbase gives one. */
  quotations: Array<{ quotation: Quotation; official?: { text: string; source: string } }>;
}

export interface TermInSegment {
  term: Term;
  renderings: TermLanguage;
  /** Accepted renderings found in the translation (each by its first form). */
  accepted: string[];
  /** Those among them that the language keeps to one of: the rendering and variants without a context. */
  tracked: string[];
  /** Forbidden renderings found, as written in the translation. */
  forbidden: Array<{ text: string; reason: string }>;
}

/** The subjects of one language, each with what the termbase says about it (unchanged without a termbase). */
export function withTerminology(termbase: Termbase | undefined, sourceLanguage: string, language: Language, subjects: Subject[]): Subject[] {
  if (!termbase || (termbase.terms.length === 0 && termbase.quotations.length === 0)) return subjects;
  const compiled = termbase.terms.map((term) => compileTerm(term, sourceLanguage, language.code));
  const usage = new Map<string, Map<string, string[]>>();
  return subjects.map((subject): Subject => {
    const pair = pairOf(subject);
    if (!pair || subject.statement === undefined) return subject;
    const source = proseOf(pair.sourceInline);
    const sourceWords = wordsOf(source);
    const text = proseOf(pair.inline);
    const words = wordsOf(text);
    const terms: TermInSegment[] = [];
    for (const term of compiled) {
      if (!term.language || !term.source.some((form) => findForm(form, sourceWords, source).length > 0)) continue;
      const found = (renderings: CompiledRendering[]): CompiledRendering[] => renderings.filter((r) => r.forms.some((form) => findForm(form, words, text).length > 0));
      const accepted = found(term.language.accepted);
      const tracked = accepted.filter((r) => r.tracked).map((r) => r.label);
      for (const label of tracked) {
        const byRendering = usage.get(term.term.id) ?? usage.set(term.term.id, new Map()).get(term.term.id)!;
        byRendering.set(label, [...(byRendering.get(label) ?? []), subject.key]);
      }
      const forbidden = term.language.forbidden.flatMap((f) => f.forms.flatMap((form) => findForm(form, words, text).map((match) => ({ text: match.text, reason: f.reason! }))));
      terms.push({ term: term.term, renderings: term.language.entry, accepted: accepted.map((r) => r.label), tracked, forbidden });
    }
    const quoted = termbase.quotations.length ? normalizeQuotation(source) : '';
    const quotations = termbase.quotations
      .filter((quotation) => quoted.includes(normalizeQuotation(quotation.text)))
      .map((quotation) => {
        const official = quotation.languages.get(language.code);
        return official ? { quotation, official: { text: official.text, source: official.source } } : { quotation };
      });
    if (terms.length === 0 && quotations.length === 0) return subject;
    return { ...subject, terminology: { file: termbase.file, terms, usage, quotations } };
  });
}

/** NFC with every run of spaces (no-break ones too) as one space: the only differences a quotation may have. */
export function normalizeQuotation(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The required rendering and the variants, as a reader of a message should see them. */
export function renderingsOf(renderings: TermLanguage): string[] {
  return [renderings.rendering, ...renderings.variants].map((r) => r.forms[0]!);
}

interface CompiledRendering {
  label: string;
  forms: CompiledForm[];
  tracked: boolean;
  reason?: string;
}

interface CompiledTerm {
  term: Term;
  source: CompiledForm[];
  language?: { entry: TermLanguage; accepted: CompiledRendering[]; forbidden: CompiledRendering[] };
}

function compileTerm(term: Term, sourceLanguage: string, lang: string): CompiledTerm {
  const source = term.source.map((form) => compileForm(form, sourceLanguage));
  const entry = term.languages.get(lang);
  if (!entry) return { term, source };
  const compile = (form: TermForm): CompiledForm[] => form.forms.map((text) => compileForm(text, lang, form.matchCase));
  const accepted: CompiledRendering[] = [
    { label: entry.rendering.forms[0]!, forms: compile(entry.rendering), tracked: true },
    ...entry.variants.map((v) => ({ label: v.forms[0]!, forms: compile(v), tracked: v.context === undefined })),
  ];
  const forbidden = entry.forbidden.map((f) => ({ label: f.forms[0]!, forms: compile(f), tracked: false, reason: f.reason }));
  return { term, source, language: { entry, accepted, forbidden } };
}
