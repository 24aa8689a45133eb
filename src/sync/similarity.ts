import { diffArrays } from 'diff';

/** From this word-level similarity on, an edited passage is taken to be the same passage. */
export const SAME_PASSAGE = 0.6;

/**
 * How much of two texts is the same, word by word (words are split at white space, punctuation
 * stays with its word): 2 × common words / all words, from 0 (nothing in common) to 1 (identical).
 * Pairs that cannot reach `atLeast` return 0 early, without a full diff.
 */
export function wordSimilarity(a: string, b: string, atLeast = 0): number {
  if (a === b) return 1;
  const wordsA = words(a);
  const wordsB = words(b);
  const total = wordsA.length + wordsB.length;
  if (total === 0) return 0;
  if ((2 * Math.min(wordsA.length, wordsB.length)) / total < atLeast) return 0;
  // Each inserted or deleted word costs one edit, so a ratio of `atLeast` allows this many.
  const maxEditLength = Math.floor(total * (1 - atLeast));
  const changes = diffArrays(wordsA, wordsB, { maxEditLength });
  if (!changes) return 0;
  const common = changes.filter((c) => !c.added && !c.removed).reduce((sum, c) => sum + c.value.length, 0);
  return (2 * common) / total;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
