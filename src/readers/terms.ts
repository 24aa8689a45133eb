import * as z from 'zod';
import { wordsOf } from '../checks/term-match.js';
import { InputError } from '../errors.js';
import type { Quotation, Term, TermForm, TermLanguage, Termbase } from '../model/termbase.js';
import { locate, parseYamlSource, validateYaml } from './yaml-source.js';

/** The termbase, at the project's root. */
export const TERMS_FILE = 'terms.yaml';

const EXAMPLE = `terms:
  occupation:
    en: occupation
    he:
      rendering: הכיבוש
      forbidden:
        - text: השליטה בשטחים
          reason: the statement names the occupation as such`;

const words = z
  .union([z.string(), z.array(z.string()).min(1, 'must list at least one text')], { error: 'must be text, or a list of texts' })
  .superRefine((value, ctx) => {
    const forms = Array.isArray(value) ? value : [value];
    forms.forEach((form, index) => {
      if (wordsOf(form).length === 0) ctx.addIssue({ code: 'custom', path: Array.isArray(value) ? [index] : [], message: `"${form}" has no words to look for` });
    });
  })
  .transform((value) => (Array.isArray(value) ? value : [value]));

const matchCase = z.boolean({ error: 'must be true or false' }).optional();

/** Text that says something: an empty quotation would be found in every passage. */
function said(error: string) {
  return z.string({ error }).refine((text) => text.trim() !== '', 'must not be empty');
}

const TermLanguageSchema = z
  .object({
    rendering: words,
    variants: z.array(z.object({ text: words, context: z.string({ error: 'must say in plain words when this variant is used' }).optional(), matchCase }).strict()).optional(),
    forbidden: z.array(z.object({ text: words, reason: said('must say why this rendering is wrong'), matchCase }).strict()).optional(),
    note: z.string().optional(),
  })
  .strict();

const QuotationLanguageSchema = z
  .object({
    text: said('must be the official wording in this language'),
    source: said('must say where this official wording is published'),
    note: z.string().optional(),
  })
  .strict();

function termbaseSchema(sourceLanguage: string, languages: readonly string[]) {
  const perLanguage = <T extends z.ZodType>(schema: T) => Object.fromEntries(languages.map((code) => [code, schema.optional()]));
  const term = z
    .object({
      [sourceLanguage]: words,
      note: z.string().optional(),
      ...perLanguage(TermLanguageSchema),
    })
    .strict();
  const quotation = z
    .object({
      source: said('must say where the official wording is published'),
      [sourceLanguage]: said(`must be the official wording in ${sourceLanguage}, as the statements quote it`),
      note: z.string().optional(),
      ...perLanguage(QuotationLanguageSchema),
    })
    .strict();
  return z
    .object({
      terms: z.record(z.string(), term).nullable().default({}),
      quotations: z.record(z.string(), quotation).nullable().default({}),
    })
    .strict();
}

/**
 * Reads `terms.yaml`. Pure: text in, the termbase out. `languages` are the translated languages
 * of the configuration; a section for any other language is an error.
 */
export function readTermbase(file: string, text: string, sourceLanguage: string, languages: readonly string[]): Termbase {
  const yaml = parseYamlSource(text, file);
  if (yaml.doc.contents === null) throw new InputError('the termbase is empty', { file, line: 1, column: 1 }, `start from this shape, or delete the file:\n${EXAMPLE}`);
  const hint = `each term gives its ${sourceLanguage} text and, per language, a \`rendering\` (with optional \`variants\`, \`forbidden\` and \`note\`); each quotation its \`source\`, its ${sourceLanguage} wording and, per language, \`text\` and \`source\` (see "The termbase" in the README). For example:\n${EXAMPLE}`;
  const data = validateYaml(yaml, termbaseSchema(sourceLanguage, languages), 'termbase', hint) as unknown as TermbaseData;

  const terms = Object.entries(data.terms ?? {}).map(([id, raw]): Term => {
    const { line = 1, column = 1 } = locate(yaml, ['terms', id], { key: true });
    const term: Term = { id, source: raw[sourceLanguage] as string[], languages: new Map(), line, column };
    if (raw.note !== undefined) term.note = raw.note as string;
    for (const code of languages) {
      const entry = raw[code] as TermLanguageData | undefined;
      if (entry) term.languages.set(code, toTermLanguage(entry));
    }
    return term;
  });

  const quotations = Object.entries(data.quotations ?? {}).map(([id, raw]): Quotation => {
    const { line = 1, column = 1 } = locate(yaml, ['quotations', id], { key: true });
    const quotation: Quotation = { id, text: raw[sourceLanguage] as string, source: raw.source as string, languages: new Map(), line, column };
    if (raw.note !== undefined) quotation.note = raw.note as string;
    for (const code of languages) {
      const entry = raw[code] as QuotationLanguageData | undefined;
      if (entry) quotation.languages.set(code, entry);
    }
    return quotation;
  });
  return { file, terms, quotations };
}

interface TermLanguageData {
  rendering: string[];
  variants?: Array<{ text: string[]; context?: string; matchCase?: boolean }>;
  forbidden?: Array<{ text: string[]; reason: string; matchCase?: boolean }>;
  note?: string;
}

type QuotationLanguageData = z.infer<typeof QuotationLanguageSchema>;

interface TermbaseData {
  terms: Record<string, Record<string, unknown>> | null;
  quotations: Record<string, Record<string, unknown>> | null;
}

function toTermLanguage(entry: TermLanguageData): TermLanguage {
  const form = (forms: string[], exact?: boolean): TermForm => ({ forms, matchCase: exact ?? false });
  const language: TermLanguage = {
    rendering: form(entry.rendering),
    variants: (entry.variants ?? []).map((v) => ({ ...form(v.text, v.matchCase), ...(v.context === undefined ? {} : { context: v.context }) })),
    forbidden: (entry.forbidden ?? []).map((f) => ({ ...form(f.text, f.matchCase), reason: f.reason })),
  };
  if (entry.note !== undefined) language.note = entry.note;
  return language;
}
