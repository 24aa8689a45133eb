import type { Config } from '../config/schema.js';
import type { Language } from '../localize/language.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Format } from '../writers/paths.js';
import { WRITERS } from '../writers/registry.js';
import { isParallel, parallelEditions, parallelStatement, selectParallel, type ParallelStatement } from './edition.js';

/** What a build needs to know of the parallel editions: which are selected, and what they are made of. */
export interface EditionsToBuild {
  /** Only parallel editions were named with --lang: no single edition is built. */
  onlyEditions: boolean;
  /** The --lang codes that name languages. */
  langs: string[];
  /** The languages whose translations are checked: those selected and those of the selected editions. */
  checkedLanguages(selected: readonly Language[]): Language[];
  /** Every statement in every configured edition (a selective build keeps the others' files). */
  docs(docs: readonly LocalizedStatement[]): ParallelStatement[];
  /** Those of `docs` in the selected editions. */
  selected(docs: readonly ParallelStatement[]): ParallelStatement[];
  /** The documents whose fallbacks a build reports (and --strict refuses): a parallel edition's are those of its languages. */
  gated(docs: readonly LocalizedStatement[]): LocalizedStatement[];
}

/** The formats a parallel edition is published in. */
export const PARALLEL_FORMATS: readonly Format[] = (Object.keys(WRITERS) as Format[]).filter((f) => WRITERS[f].parallel);

export function editionsToBuild(config: Config, languages: readonly Language[], requested: readonly string[]): EditionsToBuild {
  const editions = parallelEditions(config.editions, languages);
  const chosen = selectParallel(editions, requested);
  return {
    onlyEditions: chosen.onlyEditions,
    langs: chosen.langs,
    checkedLanguages: (selected) => languages.filter((l) => selected.includes(l) || chosen.editions.some((e) => e.languages.includes(l))),
    docs: (docs) => [...new Set(docs.map((d) => d.statement))].flatMap((statement) => editions.map((e) => parallelStatement(e, docs.filter((d) => d.statement === statement)))),
    selected: (docs) => docs.filter((d) => chosen.editions.some((e) => e.id === d.parallel.id)),
    gated: (docs) => [...new Set(docs.flatMap((d) => (isParallel(d) ? d.parallel.docs : [d])))],
  };
}
