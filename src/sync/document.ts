import { isMap, isScalar, Pair, Scalar, YAMLMap, type Document } from 'yaml';
import { normalizeInline } from '../model/keys.js';
import type { ExistingEntry } from './plan.js';

/**
 * Edits of a translation file's YAML document in place, through the `yaml` Document API, so the
 * comments, quoting and block styles a person wrote stay where they were.
 */

/** Where a scope's entries live: `interface:` or `statements: <id>:`, and `obsolete: <id>:`. */
export interface ScopePaths {
  live: string[];
  obsolete: string[];
  /** Long statement texts are written as `>-` blocks; short interface strings inline. */
  blockStyle: boolean;
}

export const INTERFACE_SCOPE = 'interface';

export function scopePaths(scope: string): ScopePaths {
  return scope === INTERFACE_SCOPE
    ? { live: [INTERFACE_SCOPE], obsolete: ['obsolete', INTERFACE_SCOPE], blockStyle: false }
    : { live: ['statements', scope], obsolete: ['obsolete', scope], blockStyle: true };
}

/** The top-level fields of a translation file, in the order a new one gets them. */
const TOP_LEVEL = ['language', 'interface', 'statements', 'obsolete'];

/** The entries in the order the file lists them. */
export type Section = YAMLMap<Scalar<string>, YAMLMap>;

export function findSection(doc: Document, path: string[]): Section | undefined {
  const node = doc.getIn(path, true);
  return isMap(node) ? (node as Section) : undefined;
}

/** The section at `path`, created (empty, in its usual place) when missing or left blank. */
export function ensureSection(doc: Document, path: string[]): Section {
  let parent = doc.contents;
  if (!isMap(parent)) {
    parent = new YAMLMap();
    doc.contents = parent;
  }
  for (const [depth, name] of path.entries()) {
    const map = parent as YAMLMap;
    let pair = map.items.find((p) => keyOf(p) === name);
    if (!pair) {
      pair = new Pair(new Scalar(name), new YAMLMap());
      map.items.splice(depth === 0 ? topLevelIndex(map, name) : map.items.length, 0, pair);
    } else if (!isMap(pair.value)) pair.value = new YAMLMap();
    parent = pair.value as YAMLMap;
  }
  return parent as Section;
}

function topLevelIndex(root: YAMLMap, name: string): number {
  const rank = TOP_LEVEL.indexOf(name);
  const after = root.items.findLastIndex((p) => TOP_LEVEL.indexOf(keyOf(p)) <= rank && TOP_LEVEL.includes(keyOf(p)));
  return after + 1;
}

/** Removes the section at `path` when it has no entries left, and its parent when that empties too. */
export function removeIfEmpty(doc: Document, path: string[]): void {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (!isMap(node) || node.items.length > 0) return;
    doc.deleteIn(path.slice(0, depth));
  }
}

export function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

export function field(entry: YAMLMap, name: string): string {
  const value = entry.get(name);
  return value === null || value === undefined ? '' : normalizeInline(String(value));
}

export function existingEntries(section: Section | undefined): ExistingEntry[] {
  return (section?.items ?? []).map((pair) => {
    const entry = pair.value as YAMLMap;
    const text = field(entry, 'text');
    return { key: keyOf(pair), source: field(entry, 'source'), text, worthKeeping: text !== '' || entry.has('note') };
  });
}

/** Puts a new entry where `order` (the keys in document order) says it belongs. */
export function insertInOrder(section: Section, pair: Pair<Scalar<string>, YAMLMap>, order: string[]): void {
  const rank = order.indexOf(pair.key.value);
  const before = section.items.findIndex((p) => order.indexOf(keyOf(p)) > rank);
  if (before < 0) section.items.push(pair);
  else section.items.splice(before, 0, pair);
}

/** A new entry to translate: the English, and an empty `text: ""`. */
export function newEntryPair(key: string, source: string, blockStyle: boolean): Pair<Scalar<string>, YAMLMap> {
  const entry = new YAMLMap();
  entry.items.push(new Pair(new Scalar('source'), styledScalar(source, blockStyle)));
  const empty = new Scalar('');
  empty.type = Scalar.QUOTE_DOUBLE;
  entry.items.push(new Pair(new Scalar('text'), empty));
  return new Pair(new Scalar(key), entry);
}

/**
 * Sets a field, keeping its node (and so its style and comments) when it exists. A field that
 * was empty takes the section's usual style, so a first translation is not left in `""` quotes.
 * A new field goes right after `after` when that field exists.
 */
export function setField(entry: YAMLMap, name: string, value: string, blockStyle: boolean, after?: string): void {
  const node = entry.get(name, true);
  if (isScalar(node)) {
    if (node.value === '' || node.value === null) node.type = blockStyle ? Scalar.BLOCK_FOLDED : undefined;
    node.value = value;
    return;
  }
  const pair = new Pair(new Scalar(name), styledScalar(value, blockStyle));
  const at = after === undefined ? -1 : entry.items.findIndex((p) => keyOf(p) === after);
  if (at < 0) entry.items.push(pair);
  else entry.items.splice(at + 1, 0, pair);
}

function styledScalar(value: string, blockStyle: boolean): Scalar<string> {
  const scalar = new Scalar(value);
  if (blockStyle) scalar.type = Scalar.BLOCK_FOLDED;
  return scalar;
}
