import { artifactPath, type Format } from '../writers/paths.js';

/** One file a build publishes: a statement in a language in a format. */
export interface ArtifactId {
  path: string;
  statement: string;
  lang: string;
  format: Format;
  /** A parallel edition's languages, in its order (`lang` is then the edition's id). */
  languages?: string[];
}

/** Every edition in every format asked for (of those it is published in, when it says), in path order. */
export function plannedArtifacts(editions: readonly { statement: string; lang: string; formats?: readonly Format[]; languages?: string[] }[], formats: readonly Format[]): ArtifactId[] {
  const artifacts = editions.flatMap((e) =>
    formats.filter((f) => !e.formats || e.formats.includes(f)).map((format) => ({ path: artifactPath(e.statement, e.lang, format), statement: e.statement, lang: e.lang, format, ...(e.languages && { languages: e.languages }) })),
  );
  return artifacts.sort((a, b) => compareText(a.path, b.path));
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
