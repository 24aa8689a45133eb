import { describe, expect, it } from 'vitest';
import { planSync, type ExistingEntry } from '../src/sync/plan.js';
import { SAME_PASSAGE, wordSimilarity } from '../src/sync/similarity.js';

const entry = (key: string, source: string, text = `T:${key}`): ExistingEntry => ({ key, source, text, worthKeeping: text !== '' });
const TEN = 'one two three four five six seven eight nine ten';

describe('wordSimilarity', () => {
  it('is 1 for the same text, 0 for nothing in common, and 2 × common / all words between', () => {
    expect(wordSimilarity(TEN, TEN)).toBe(1);
    expect(wordSimilarity('a b c', 'x y z')).toBe(0);
    expect(wordSimilarity(TEN, TEN.replace('ten', 'eleven'))).toBeCloseTo(0.9);
  });

  it('treats punctuation as part of its word and ignores how the words are spaced', () => {
    expect(wordSimilarity('a  b\nc', 'a b c')).toBe(1);
    expect(wordSimilarity('a b c.', 'a b c')).toBeCloseTo(4 / 6);
  });

  it('gives up early (0) on pairs that cannot reach the threshold', () => {
    expect(wordSimilarity('a', TEN, SAME_PASSAGE)).toBe(0);
    expect(wordSimilarity(TEN, 'x y z w v u t s r q', SAME_PASSAGE)).toBe(0);
  });
});

describe('planSync', () => {
  it('keeps entries whose key still exists, in document order, and adds the new ones', () => {
    const plan = planSync(
      [{ key: 'b', source: 'B' }, { key: 'new', source: 'N' }, { key: 'a', source: 'A' }],
      [entry('a', 'A'), entry('b', 'B')],
      [],
    );
    expect(plan.placements).toEqual([{ kind: 'kept', key: 'b' }, { kind: 'added', key: 'new' }, { kind: 'kept', key: 'a' }]);
    expect(plan.toObsolete).toEqual([]);
  });

  it('moves translations of vanished passages to obsolete and drops vanished entries that hold nothing', () => {
    const plan = planSync([{ key: 'a', source: 'A' }], [entry('a', 'A'), entry('gone', 'G'), entry('empty', 'E', '')], []);
    expect(plan.toObsolete).toEqual(['gone']);
    expect(plan.dropped).toEqual(['empty']);
  });

  it('keeps an untranslated vanished entry that carries a note', () => {
    const plan = planSync([], [{ key: 'x', source: 'X', text: '', worthKeeping: true }], []);
    expect(plan.toObsolete).toEqual(['x']);
  });

  it('matches a passage whose key changed to the old translation when the text is clearly the same', () => {
    const plan = planSync([{ key: 'p-new', source: TEN.replace('five', 'FIVE') }], [entry('p-old', TEN)], []);
    expect(plan.placements).toEqual([{ kind: 'matched', key: 'p-new', from: 'p-old', origin: 'live', similarity: 0.9 }]);
    expect(plan.toObsolete).toEqual([]);
  });

  it('does not match a passage that is only loosely like an old one', () => {
    const rewritten = 'one two three four completely different words now here';
    expect(wordSimilarity(TEN, rewritten)).toBeLessThan(SAME_PASSAGE);
    const plan = planSync([{ key: 'p-new', source: rewritten }], [entry('p-old', TEN)], []);
    expect(plan.placements).toEqual([{ kind: 'added', key: 'p-new' }]);
    expect(plan.toObsolete).toEqual(['p-old']);
  });

  it('brings back an obsolete translation: by its key first, else by its text', () => {
    const plan = planSync(
      [{ key: 'back', source: 'totally rewritten' }, { key: 'p-2', source: TEN }],
      [],
      [entry('back', 'B'), entry('p-1', TEN)],
    );
    expect(plan.placements).toEqual([
      { kind: 'matched', key: 'back', from: 'back', origin: 'obsolete', similarity: 0 },
      { kind: 'matched', key: 'p-2', from: 'p-1', origin: 'obsolete', similarity: 1 },
    ]);
  });

  it('gives each old translation to at most one passage, the most similar first', () => {
    const near = TEN.replace('ten', 'TEN');
    const nearer = TEN;
    const plan = planSync([{ key: 'x', source: near }, { key: 'y', source: nearer }], [entry('old', TEN)], []);
    expect(plan.placements).toEqual([
      { kind: 'added', key: 'x' },
      { kind: 'matched', key: 'y', from: 'old', origin: 'live', similarity: 1 },
    ]);
  });

  it('fills an empty entry from a matching old translation, and the empty one goes', () => {
    const plan = planSync([{ key: 'p-new', source: TEN }], [entry('p-new', TEN, ''), entry('p-old', TEN)], []);
    expect(plan.placements).toEqual([{ kind: 'matched', key: 'p-new', from: 'p-old', origin: 'live', similarity: 1 }]);
    expect(plan.dropped).toEqual(['p-new']);
  });

  it('never takes a translation away from a passage that still exists', () => {
    const plan = planSync([{ key: 'a', source: TEN }, { key: 'b', source: TEN }], [entry('a', TEN)], []);
    expect(plan.placements).toEqual([{ kind: 'kept', key: 'a' }, { kind: 'added', key: 'b' }]);
  });
});
