import * as z from 'zod';
import { CHECK_IDS, CHECK_SETTINGS, type CheckId, type CheckSetting } from '../checks/catalog.js';
import { canonicalLanguageTag } from '../model/languages.js';
import { checkEditions, EditionConfigSchema } from './editions.js';
import { isWithin, projectFolder } from './project-folder.js';

/** Where translator outputs go in the project by default, apart from the build output. */
export const REVIEW_FOLDER = 'review';
export const XLIFF_FOLDER = 'xliff';
const TRANSLATOR_FOLDERS = [
  [REVIEW_FOLDER, 'broadside review'],
  [XLIFF_FOLDER, 'broadside xliff export'],
] as const;

export const PAPER_SIZES = ['a4', 'letter', 'legal', 'a5'] as const;
export const NUMBERING_SYSTEMS = ['latn', 'arab', 'arabext', 'hebr'] as const;

const languageCode = z.string().refine((code) => canonicalLanguageTag(code) === code, {
  message: 'must be a BCP 47 language tag in canonical form, such as he, ar, pt-BR or zh-Hant',
});

const paper = z.enum(PAPER_SIZES, { error: `must be one of: ${PAPER_SIZES.join(', ')}` });

/** Percent of segments and interface strings translated below which `broadside status` fails. */
const minComplete = z.number({ error: 'must be a percentage from 0 to 100' }).min(0, 'must be at least 0').max(100, 'must be at most 100');

const checks = z
  .record(z.string(), z.enum(CHECK_SETTINGS, { error: `must be one of: ${CHECK_SETTINGS.join(', ')}` }))
  .superRefine((settings, ctx) => {
    for (const id of Object.keys(settings)) {
      if (!(CHECK_IDS as string[]).includes(id)) ctx.addIssue({ code: 'custom', path: [id], message: `"${id}" is not a check; the checks are: ${CHECK_IDS.join(', ')}` });
    }
  })
  .transform((settings) => settings as Partial<Record<CheckId, CheckSetting>>);

const CALENDARS = Intl.supportedValuesOf('calendar');

/** How the dateline writes the date: which calendar, and whose month names (ar-SY: شباط, not فبراير). */
const dateStyle = z
  .object({
    calendar: z
      .string({ error: 'must be a calendar name' })
      .refine((c) => CALENDARS.includes(c), `must be one of: ${CALENDARS.join(', ')} (gregory is the calendar of most of the world, persian the Solar Hijri)`)
      .optional(),
    locale: languageCode.optional(),
  })
  .strict();

export const LanguageConfigSchema = z
  .object({
    code: languageCode,
    /** Digits for dates and page numbers: `arab` gives ٠١٢٣. Defaults to the locale's own. */
    numbering: z.enum(NUMBERING_SYSTEMS, { error: `must be one of: ${NUMBERING_SYSTEMS.join(', ')}` }).optional(),
    paper: paper.optional(),
    /** The most pages this language's PDFs may take (after fitting); overrides pdf.maxPages. */
    maxPages: wholeNumber(1, 1000).optional(),
    minComplete: minComplete.optional(),
    date: dateStyle.optional(),
  })
  .strict()
  .superRefine((lang, ctx) => {
    const locale = lang.date?.locale;
    if (locale && canonicalLanguageTag(lang.code) && new Intl.Locale(locale).language !== new Intl.Locale(lang.code).language) {
      ctx.addIssue({ code: 'custom', path: ['date', 'locale'], message: `must be a form of ${lang.code} itself, with the region whose dates to follow, such as ${lang.code}-${new Intl.Locale(lang.code).maximize().region ?? 'SY'}` });
    }
  });

const seconds = 'must be a number of seconds, more than 0 and at most 600';

export const ConfigSchema = z
  .object({
    sourceLanguage: languageCode.default('en'),
    languages: z.array(LanguageConfigSchema, { error: 'must be a list with one `- code: <language>` line per language' }).min(1, 'list at least the source language'),
    statements: projectFolder('statements').default('statements'),
    translations: projectFolder('translations').default('translations'),
    /** Inside the project; `broadside build --out` may write anywhere else. */
    output: projectFolder('dist', { own: true }).default('dist'),
    /** Default for languages without their own `minComplete`. */
    minComplete: minComplete.optional(),
    /** Severity per check id, or `off`. */
    checks: checks.default({}),
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, such as https://example.org/statements/' }).optional(),
    text: z.object({ columns: wholeNumber(40, 200).default(72) }).strict().default({ columns: 72 }),
    pdf: z
      .object({
        paper: paper.default('a4'),
        concurrency: wholeNumber(1, 16).default(3),
        timeoutSeconds: z.number({ error: seconds }).positive(seconds).max(600, seconds).default(60),
        executablePath: z.string().optional(),
        /** The most pages any edition's PDF may take, unless its language sets its own maxPages. */
        maxPages: wholeNumber(1, 1000).optional(),
      })
      .strict()
      .default({ paper: 'a4', concurrency: 3, timeoutSeconds: 60 }),
    /** Parallel editions: languages side by side, passage by passage (src/editions/). */
    editions: z.array(EditionConfigSchema, { error: 'must be a list of `- id: <name>` entries with their `languages: [...]`' }).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.languages.forEach((lang, index) => {
      if (seen.has(lang.code)) ctx.addIssue({ code: 'custom', path: ['languages', index, 'code'], message: `"${lang.code}" is listed twice` });
      seen.add(lang.code);
    });
    if (!seen.has(config.sourceLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['sourceLanguage'], message: `"${config.sourceLanguage}" must also appear under languages` });
    }
    checkEditions(config, ctx);
    for (const input of ['statements', 'translations'] as const) {
      if (isWithin(config[input], config.output)) {
        ctx.addIssue({ code: 'custom', path: ['output'], message: `must not be or contain the ${input} folder (${config[input]}): a build replaces the whole output folder` });
      }
    }
    for (const [folder, command] of TRANSLATOR_FOLDERS) {
      if (isWithin(folder, config.output)) {
        ctx.addIssue({ code: 'custom', path: ['output'], message: `must not be or contain ${folder}/, where \`${command}\` writes for translators: a build replaces the whole output folder` });
      }
    }
  });

function wholeNumber(min: number, max: number) {
  const range = `must be a whole number from ${min} to ${max}`;
  return z.int({ error: range }).min(min, range).max(max, range);
}

export type Config = z.infer<typeof ConfigSchema>;
export type LanguageConfig = z.infer<typeof LanguageConfigSchema>;
