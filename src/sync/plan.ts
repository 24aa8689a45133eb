import { SAME_PASSAGE, wordSimilarity } from './similarity.js';

/** A passage of the canonical (a statement segment or an interface string), in document order. */
export interface CanonicalUnit {
  key: string;
  source: string;
}

/** What sync needs to know about an entry already in the translation file. */
export interface ExistingEntry {
  key: string;
  source: string;
  text: string;
  /** Whether it holds anything a person wrote (a translation or a note); empty ones may be dropped. */
  worthKeeping: boolean;
}

export type Placement =
  /** The entry under the same key stays. */
  | { kind: 'kept'; key: string }
  /** An entry under another key, or from `obsolete:`, carries this passage's translation. */
  | { kind: 'matched'; key: string; from: string; origin: 'live' | 'obsolete'; similarity: number }
  /** Nothing to carry over: a new entry to translate. */
  | { kind: 'added'; key: string };

export interface SyncPlan {
  /** One per canonical unit, in document order. */
  placements: Placement[];
  /** Live entries whose passage is gone: they move to `obsolete:`. */
  toObsolete: string[];
  /** Live entries whose passage is gone and that hold nothing: they are deleted. */
  dropped: string[];
}

interface Candidate {
  entry: ExistingEntry;
  origin: 'live' | 'obsolete';
  rank: number;
}

/**
 * Decides, like msgmerge, which existing entry each canonical unit gets. Pure. Keys that still exist
 * keep their entry; a unit with no translation (no entry, or an empty one) takes the translation of
 * a vanished key (left in the file or already obsolete) with the same key or clearly the same
 * text, best match first; everything else is new. Vanished live entries go to `obsolete:`.
 */
export function planSync(units: CanonicalUnit[], live: ExistingEntry[], obsolete: ExistingEntry[]): SyncPlan {
  const canonicalKeys = new Set(units.map((u) => u.key));
  const liveByKey = new Map(live.map((e) => [e.key, e]));
  const hasTranslation = (entry: ExistingEntry | undefined): boolean => entry !== undefined && entry.text !== '';
  const candidates: Candidate[] = [
    ...live.filter((e) => !canonicalKeys.has(e.key)).map((entry) => ({ entry, origin: 'live' as const })),
    ...obsolete.map((entry) => ({ entry, origin: 'obsolete' as const })),
  ]
    .filter((c) => hasTranslation(c.entry))
    .map((c, rank) => ({ ...c, rank }));
  const open = units.filter((u) => !hasTranslation(liveByKey.get(u.key)));
  const matches = bestMatches(open, candidates);

  const placements = units.map((unit): Placement => {
    const match = matches.get(unit.key);
    if (match) return { kind: 'matched', key: unit.key, from: match.candidate.entry.key, origin: match.candidate.origin, similarity: match.similarity };
    return liveByKey.has(unit.key) ? { kind: 'kept', key: unit.key } : { kind: 'added', key: unit.key };
  });
  const taken = new Set([...matches.values()].filter((m) => m.candidate.origin === 'live').map((m) => m.candidate.entry.key));
  // An empty entry replaced by a match is as gone as one whose passage vanished.
  const replaced = new Set([...matches.keys()].filter((key) => liveByKey.has(key)));
  const leaving = live.filter((e) => (!canonicalKeys.has(e.key) && !taken.has(e.key)) || replaced.has(e.key));
  return {
    placements,
    toObsolete: leaving.filter((e) => e.worthKeeping).map((e) => e.key),
    dropped: leaving.filter((e) => !e.worthKeeping).map((e) => e.key),
  };
}

interface Match {
  candidate: Candidate;
  similarity: number;
}

/** Greedy assignment: the most similar pairs first; a key seen again beats any text similarity. */
function bestMatches(units: CanonicalUnit[], candidates: Candidate[]): Map<string, Match> {
  const pairs: Array<{ unit: number; candidate: Candidate; score: number; similarity: number }> = [];
  units.forEach((unit, index) => {
    for (const candidate of candidates) {
      const similarity = wordSimilarity(candidate.entry.source, unit.source, SAME_PASSAGE);
      const sameKey = candidate.entry.key === unit.key;
      if (sameKey || similarity >= SAME_PASSAGE) pairs.push({ unit: index, candidate, similarity, score: sameKey ? 2 : similarity });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.unit - b.unit || a.candidate.rank - b.candidate.rank);
  const matches = new Map<string, Match>();
  const used = new Set<Candidate>();
  for (const pair of pairs) {
    const key = units[pair.unit]!.key;
    if (matches.has(key) || used.has(pair.candidate)) continue;
    matches.set(key, { candidate: pair.candidate, similarity: pair.similarity });
    used.add(pair.candidate);
  }
  return matches;
}
