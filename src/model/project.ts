import { CONFIG_FILE } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { InterfaceStrings } from '../localize/localize.js';
import { canonicalLanguageTag } from './languages.js';
import type { Statement } from './statement.js';
import type { TranslationFile } from './translation.js';
import type { Termbase } from './termbase.js';

/** A statement's id is its file name without `.md`: lower-case letters, digits and hyphens. */
export const STATEMENT_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const STATEMENT_EXTENSION = '.md';

/** The id of the statement in `fileName` (which the caller has checked ends in `.md`). */
export function statementId(fileName: string): string {
  return fileName.slice(0, -STATEMENT_EXTENSION.length);
}

export interface Templates {
  page: string;
  print: string;
  /** A parallel edition's page and print stylesheet. */
  edition: string;
  editionPrint: string;
}

/** Everything a build, a check or a sync works from, read once by `io/project.ts`. */
export interface Project {
  root: string;
  config: Config;
  /** All statements, in file-name order. */
  statements: Statement[];
  translations: Map<string, TranslationFile>;
  /** `terms.yaml`, when the project has one. */
  terms?: Termbase;
  interfaceStrings: InterfaceStrings;
  templates: Templates;
}

/** What sync, add-lang and xliff import edit against: the canonical side of the project. */
export type Canonical = Pick<Project, 'root' | 'config' | 'statements' | 'interfaceStrings'>;

/**
 * Why translations/<lang>.yaml cannot be used with `config`, with how to fix it; undefined when
 * its language is one the project translates into.
 */
export function unusableTranslationFile(lang: string, config: Pick<Config, 'languages' | 'sourceLanguage'>): { why: string; hint: string } | undefined {
  if (lang !== config.sourceLanguage && config.languages.some((l) => l.code === lang)) return undefined;
  const valid = canonicalLanguageTag(lang);
  const why = valid === undefined ? `"${lang}" is not a BCP 47 language code` : lang === config.sourceLanguage ? `"${lang}" is the source language` : `the language "${lang}" is not in ${CONFIG_FILE}`;
  return { why: `${why}, so this translation file cannot be used`, hint: `add it with \`broadside add-lang ${valid ?? '<code>'}\`, or rename or remove the file.` };
}

/** Picks the statements named on the command line (all when none), refusing unknown ones. */
export function selectStatements(project: Pick<Project, 'statements'>, requested: string[]): Statement[] {
  if (requested.length === 0) return project.statements;
  const known = project.statements.map((s) => s.id).join(', ');
  return requested.map((id) => {
    if (!STATEMENT_ID.test(id)) {
      throw new UsageError(`${JSON.stringify(id)} is not a statement id`, undefined, `a statement id is its file name without .md (lower-case letters, digits and hyphens); choose one of: ${known}.`);
    }
    const found = project.statements.find((s) => s.id === id);
    if (!found) throw new UsageError(`there is no statement "${id}"`, undefined, `choose one of: ${known}.`);
    return found;
  });
}
