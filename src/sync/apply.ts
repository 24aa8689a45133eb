import type { Document, Pair, Scalar, YAMLMap } from 'yaml';
import { ensureSection, existingEntries, field, findSection, keyOf, newEntryPair, removeIfEmpty, scopePaths, setField, type Section } from './document.js';
import { planSync, type CanonicalUnit } from './plan.js';

/** One thing sync did (or, with --check, would do) to a translation file. */
export type SyncChange =
  | { kind: 'added'; scope: string; key: string }
  | { kind: 'stale'; scope: string; key: string }
  | { kind: 'matched'; scope: string; key: string; from: string; origin: 'live' | 'obsolete'; similarity: number; stale: boolean }
  | { kind: 'obsoleted'; scope: string; key: string; as: string }
  | { kind: 'dropped'; scope: string; key: string }
  | { kind: 'source-updated'; scope: string; key: string }
  | { kind: 'stale-note-removed'; scope: string; key: string }
  | { kind: 'reordered'; scope: string };

/** The field sync writes on a stale entry: the English as it is now, next to the `source` translated. */
export const NEW_SOURCE = 'newSource';

type EntryPair = Pair<Scalar<string>, YAMLMap>;

/**
 * Brings one scope (a statement, or the interface strings) of a translation document in line with
 * its canonical units, editing `doc` in place. A scope with no units (a deleted statement) has
 * all its entries moved to `obsolete:`.
 */
export function syncScope(doc: Document, scope: string, units: CanonicalUnit[]): SyncChange[] {
  const paths = scopePaths(scope);
  const live = units.length ? ensureSection(doc, paths.live) : findSection(doc, paths.live);
  const obsolete = findSection(doc, paths.obsolete);
  const plan = planSync(units, existingEntries(live), existingEntries(obsolete));
  const livePairs = pairsByKey(live);
  const obsoletePairs = pairsByKey(obsolete);
  const changes: SyncChange[] = [];

  const placed: EntryPair[] = plan.placements.map((placement, index) => {
    const unit = units[index]!;
    if (placement.kind === 'kept') {
      changes.push(...refreshEntry(scope, livePairs.get(unit.key)!, unit.source, paths.blockStyle));
      return livePairs.get(unit.key)!;
    }
    if (placement.kind === 'added') {
      changes.push({ kind: 'added', scope, key: unit.key });
      return newEntryPair(unit.key, unit.source, paths.blockStyle);
    }
    const pair = (placement.origin === 'live' ? livePairs : obsoletePairs).get(placement.from)!;
    if (placement.origin === 'obsolete') obsolete!.items.splice(obsolete!.items.indexOf(pair), 1);
    pair.key.value = unit.key;
    const stale = field(pair.value!, 'source') !== unit.source;
    changes.push({ ...placement, scope, stale });
    // The `matched` change already says whether it is stale.
    refreshEntry(scope, pair, unit.source, paths.blockStyle);
    return pair;
  });

  for (const key of plan.dropped) changes.push({ kind: 'dropped', scope, key });
  for (const key of plan.toObsolete) {
    const target = ensureSection(doc, paths.obsolete);
    const pair = livePairs.get(key)!;
    pair.value!.delete(NEW_SOURCE);
    pair.key.value = freeKey(target, key);
    target.items.push(pair);
    changes.push({ kind: 'obsoleted', scope, key, as: pair.key.value });
  }

  if (live) {
    const kept = new Set(plan.placements.filter((p) => p.kind === 'kept').map((p) => p.key));
    const keptBefore = live.items.map(keyOf).filter((key) => kept.has(key));
    if (keptBefore.join('\n') !== [...kept].join('\n')) changes.push({ kind: 'reordered', scope });
    live.items = placed;
    if (!units.length) removeIfEmpty(doc, paths.live);
  }
  removeIfEmpty(doc, paths.obsolete);
  return changes;
}

function pairsByKey(section: Section | undefined): Map<string, EntryPair> {
  return new Map((section?.items ?? []).map((pair) => [keyOf(pair), pair as EntryPair]));
}

/** `key`, or `key~2`, `key~3` … when `obsolete:` already keeps an entry under that key. */
function freeKey(section: Section, key: string): string {
  const taken = new Set(section.items.map(keyOf));
  let free = key;
  for (let n = 2; taken.has(free); n++) free = `${key}~${n}`;
  return free;
}

/**
 * Keeps the entry's fields in line with the English: an untranslated entry simply follows it; a
 * translated one made from older English keeps its `source` (that is what makes it stale) and
 * gets the current English as `newSource`; a translation that is current needs no `newSource`.
 */
function refreshEntry(scope: string, pair: EntryPair, current: string, blockStyle: boolean): SyncChange[] {
  const entry = pair.value!;
  const key = pair.key.value;
  const source = field(entry, 'source');
  const translated = field(entry, 'text') !== '';
  const changes: SyncChange[] = [];
  if (!translated && source !== current) {
    setField(entry, 'source', current, blockStyle);
    changes.push({ kind: 'source-updated', scope, key });
  }
  if (translated && source !== current) {
    if (field(entry, NEW_SOURCE) !== current) {
      setField(entry, NEW_SOURCE, current, blockStyle, 'source');
      changes.push({ kind: 'stale', scope, key });
    }
  } else if (entry.has(NEW_SOURCE)) {
    entry.delete(NEW_SOURCE);
    changes.push({ kind: 'stale-note-removed', scope, key });
  }
  return changes;
}
