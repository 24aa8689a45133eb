import { folderOf, isParallel } from '../editions/edition.js';
import { scriptOf } from '../model/languages.js';
import { editionIndexItem } from '../writers/edition-index.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Statement } from '../model/statement.js';
import type { ArtifactId } from '../plan/artifacts.js';
import type { Edition } from '../writers/html.js';
import { writeIndex, type IndexEntry } from '../writers/index-page.js';
import { artifactPath } from '../writers/paths.js';
import { FORMATS } from '../writers/registry.js';

/** dist/index.html for the artifacts an output holds: each statement in each language whose page is there. Pure. */
export function indexPage(statements: readonly Statement[], docs: readonly LocalizedStatement[], editions: Edition[], artifacts: readonly ArtifactId[], sourceLang: string): string {
  const present = new Set(artifacts.map((a) => a.path));
  const entries: IndexEntry[] = [];
  for (const statement of statements) {
    const titles: IndexEntry['titles'] = new Map();
    const parallel: string[] = [];
    for (const doc of docs) {
      if (doc.statement !== statement || !present.has(artifactPath(statement.id, folderOf(doc), 'html'))) continue;
      if (isParallel(doc)) {
        parallel.push(editionIndexItem(doc, editions, FORMATS.filter((f) => present.has(artifactPath(statement.id, doc.parallel.id, f)))));
        continue;
      }
      const title = doc.segment(statement.meta.title);
      titles.set(doc.language.code, { title: title.inline, lang: title.lang, dir: title.dir, script: scriptOf(title.lang) });
    }
    if (titles.size || parallel.length) entries.push({ statement: statement.id, date: statement.meta.date, titles, parallel });
  }
  return writeIndex(entries, editions, FORMATS.filter((f) => artifacts.some((a) => a.format === f)), sourceLang);
}
