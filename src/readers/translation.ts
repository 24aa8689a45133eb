import * as z from 'zod';
import { IGNORABLE_CHECK_IDS } from '../checks/catalog.js';
import { InputError } from '../errors.js';
import { lexWithinLimits, MAX_NESTING } from './markdown.js';
import type { LinkDefinitions } from '../model/inline.js';
import { normalizeInline } from '../model/keys.js';
import type { Entry, EntryMap, TranslationFile } from '../model/translation.js';
import { forbiddenInline } from './characters.js';
import { parseInline } from './inline.js';
import { codeFrame } from './source-text.js';
import { locate, parseYamlSource, validateYaml, type YamlSource } from './yaml-source.js';

const EntrySchema = z
  .object({
    source: z.string({ error: 'must be text (the English this translation was made from)' }),
    text: z.string({ error: 'must be text; quote it if it looks like a number or yes/no' }).nullable().default(''),
    note: z.string().optional(),
    ignore: z.array(z.enum(IGNORABLE_CHECK_IDS, { error: `must list checks to set aside for this entry, from: ${IGNORABLE_CHECK_IDS.join(', ')}` })).optional(),
    /** Written by `broadside sync` on a stale entry: the source as it is now. Informative only. */
    newSource: z.string().optional(),
  })
  .strict();
const EntriesSchema = z.record(z.string(), EntrySchema);

const TranslationSchema = z
  .object({
    language: z.string({ error: 'must be the code of the language this file translates into, such as he' }),
    interface: EntriesSchema.nullable().default({}),
    statements: z.record(z.string(), EntriesSchema.nullable()).nullable().default({}),
    obsolete: z.record(z.string(), EntriesSchema.nullable()).nullable().default({}),
  })
  .strict();

const EXAMPLE = `language: he
interface:
  published:
    source: Published {{date}}
    text: פורסם ב־{{date}}
statements:
  mission-statement:
    title:
      source: Mission Statement
      text: הצהרת ייעוד`;

/**
 * Reads one language's translation file. Pure: text in, entries with their positions out.
 * `statementIds` are the statements that exist; a section for any other is an error. A statement's
 * `definitions` resolve the reference links (`[text][label]`) of its entries.
 */
export function readTranslation(
  lang: string,
  file: string,
  text: string,
  statementIds: ReadonlySet<string>,
  definitions: ReadonlyMap<string, LinkDefinitions> = new Map(),
): TranslationFile {
  const yaml = parseYamlSource(text, file);
  if (yaml.doc.contents === null) {
    throw new InputError('the translation file is empty', { file, line: 1, column: 1 }, `start from this shape:\n${EXAMPLE}`);
  }
  const data = validateYaml(yaml, TranslationSchema, 'translation file', `each entry needs a \`source\` and a \`text\`, like:\n${EXAMPLE}`);
  if (data.language !== lang) {
    throw new InputError(
      `this file says \`language: ${data.language}\` but its name is for "${lang}"`,
      locate(yaml, ['language']),
      `set \`language: ${lang}\` or rename the file to translations/${data.language}.yaml.`,
    );
  }
  for (const id of Object.keys(data.statements ?? {})) {
    if (!statementIds.has(id)) {
      const known = [...statementIds].join(', ') || '(none)';
      throw new InputError(`there is no statement "${id}"`, locate(yaml, ['statements', id]), `rename the section to one of: ${known}, or move its entries under \`obsolete:\`.`);
    }
  }
  const entries = (path: string[], raw: Record<string, z.infer<typeof EntrySchema>> | null, links?: LinkDefinitions): EntryMap => {
    const map: EntryMap = new Map();
    for (const [key, value] of Object.entries(raw ?? {})) map.set(key, toEntry(yaml, [...path, key], key, value, links));
    return map;
  };
  const group = (name: 'statements' | 'obsolete'): Map<string, EntryMap> =>
    new Map(Object.entries(data[name] ?? {}).map(([id, raw]) => [id, entries([name, id], raw, definitions.get(id))]));
  const sections: TranslationFile['sections'] = new Map();
  for (const path of [['interface'], ...[...statementIds].map((id) => ['statements', id])]) {
    const { line = 1, column = 1 } = locate(yaml, path);
    sections.set(path.join('.'), { line, column });
  }
  return { lang, file, interface: entries(['interface'], data.interface), statements: group('statements'), obsolete: group('obsolete'), sections };
}

function toEntry(yaml: YamlSource, path: string[], key: string, value: z.infer<typeof EntrySchema>, definitions?: LinkDefinitions): Entry {
  const { line = 1, column = 1 } = locate(yaml, [...path, 'text']);
  const raw = value.text ?? '';
  const source = normalizeInline(value.source);
  const text = normalizeInline(raw);
  const sourceBlocks = blocksOf(yaml, [...path, 'source'], source);
  const blocks = blocksOf(yaml, [...path, 'text'], text);
  const entry: Entry = {
    key,
    source,
    text,
    sourceInline: parseInline(value.source.normalize('NFC').trim(), definitions),
    inline: parseInline(raw.normalize('NFC').trim(), definitions),
    sourceBlocks,
    blocks,
    raw,
    line,
    column,
  };
  requireVisibleCharacters(yaml, [...path, 'text'], entry);
  if (value.note !== undefined) entry.note = value.note;
  if (value.ignore?.length) entry.ignore = value.ignore;
  return entry;
}

/**
 * The blocks other than a paragraph that Markdown would make of a text that must be the inside of
 * one block; text whose markup is nested too deeply for the Markdown parser, which would crash every
 * later step, is refused.
 */
function blocksOf(yaml: YamlSource, path: string[], text: string): string[] {
  const tokens = lexWithinLimits(text);
  if (tokens) return tokens.map((t) => t.type).filter((type) => type !== 'paragraph' && type !== 'space' && type !== 'text');
  const at = locate(yaml, path);
  throw new InputError(
    `\`${path.join('.')}\`: the Markdown is nested more than ${MAX_NESTING} levels deep (emphasis or links within each other)`,
    at,
    'remove the repeated *, _ or [ characters; to show them as text, put a backslash before each (\\*).',
    codeFrame(yaml.text, at.line ?? 1, at.column ?? 1),
  );
}

/** A control character is refused however it was written: raw, as an entity, a reference or a YAML escape. */
function requireVisibleCharacters(yaml: YamlSource, path: string[], entry: Entry): void {
  const forbidden = forbiddenInline(entry.inline);
  if (!forbidden) return;
  const at = locate(yaml, path);
  throw new InputError(
    `\`${path.join('.')}\`: ${forbidden.description} is not allowed (written as a character reference, an entity or a YAML escape)`,
    at,
    'delete it; it puts an invisible character into every edition. Write a line break as a new paragraph, a space as a space.',
    codeFrame(yaml.text, at.line ?? 1, at.column ?? 1),
  );
}
