import * as z from 'zod';
import { canonicalLanguageTag } from '../model/languages.js';

/** Where a parallel edition lives (`dist/<statement>/<id>/`): lower-case letters, digits and hyphens. */
export const EDITION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const EDITION_LAYOUTS = ['auto', 'columns', 'stacked'] as const;

/** One parallel edition: two or more languages set side by side, passage by passage. */
export const EditionConfigSchema = z
  .object({
    id: z.string({ error: 'must be a name such as he-ar-en' }).max(64, 'must be at most 64 characters').regex(EDITION_ID, 'must be lower-case letters, digits and hyphens, such as he-ar-en'),
    languages: z.array(z.string({ error: 'must be a language code' }), { error: 'must be a list of language codes, such as [he, ar, en]' }).min(2, 'list at least two languages: an edition sets them side by side'),
    /** `auto`: columns, unless the paper is A5 or there are more than three languages. */
    layout: z.enum(EDITION_LAYOUTS, { error: `must be one of: ${EDITION_LAYOUTS.join(', ')}` }).default('auto'),
  })
  .strict();

export type EditionConfig = z.infer<typeof EditionConfigSchema>;

/** What only the whole configuration can tell: each edition's languages are configured, and ids are unique. */
export function checkEditions(config: { languages: { code: string }[]; editions: EditionConfig[] }, ctx: z.RefinementCtx): void {
  const codes = config.languages.map((l) => l.code);
  const ids = new Set<string>();
  config.editions.forEach((edition, index) => {
    if (ids.has(edition.id)) ctx.addIssue({ code: 'custom', path: ['editions', index, 'id'], message: `"${edition.id}" is the id of another edition too; give each edition its own` });
    ids.add(edition.id);
    if (codes.includes(edition.id)) {
      ctx.addIssue({ code: 'custom', path: ['editions', index, 'id'], message: `"${edition.id}" is a language code, and the ${edition.id} edition's files live in dist/<statement>/${edition.id}/; name it after its languages, such as ${[...edition.languages].join('-')}` });
    }
    const seen = new Set<string>();
    edition.languages.forEach((code, i) => {
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: ['editions', index, 'languages', i], message: `"${code}" is listed twice` });
      else if (!codes.includes(code)) {
        const why = canonicalLanguageTag(code) === undefined ? `"${code}" is not a language code` : `the language "${code}" is not configured`;
        ctx.addIssue({ code: 'custom', path: ['editions', index, 'languages', i], message: `${why}; an edition takes languages listed under languages: ${codes.join(', ')}` });
      }
      seen.add(code);
    });
  });
}
