import { describe, expect, it } from 'vitest';
import { breakLines, STRETCH, type Item } from '../src/render/line-breaking.js';

/** Words of the given widths with 4-wide spaces between them, no letter-spacing. */
function words(widths: number[]): Item[] {
  return widths.flatMap((width, k): Item[] => {
    const box: Item = { kind: 'box', width, letters: 0 };
    return k === 0 ? [box] : [{ kind: 'glue', width: 4, breakable: true, letters: 0 }, box];
  });
}

describe('paragraph line breaking', () => {
  it('sets spaces tighter than natural where that keeps two words on a line a stretching-only breaker could not', () => {
    // 47 + 4 + 50 is 1 over the measure: a space may give up a quarter of its 4, so both words fit.
    const lines = breakLines({ items: words([47, 50, 48, 48]), lineWidth: 100, firstLineWidth: 100 });
    expect(lines?.map((l) => l.end)).toEqual([3, 7]);
    expect(lines![0]!.ratio).toBeCloseTo(-1, 6);
  });

  it('sets a ragged paragraph for an even rag, its spaces at their natural width', () => {
    // Filling line 1 (30 30 30 = 98) would leave "50" alone on line 2, 50 short; "30 30" (64) then
    // "30 50" (84) is more even.
    const items = words([30, 30, 30, 50, 50, 10]);
    const lines = breakLines({ items, lineWidth: 100, firstLineWidth: 100, rag: 40 }, Infinity);
    expect(lines?.map((l) => l.natural)).toEqual([64, 84, 64]);
    expect(lines!.every((l) => l.ratio >= 0)).toBe(true);
    // Not tightened to get a word in, as a justified line would be.
    expect(breakLines({ items: words([47, 50]), lineWidth: 100, firstLineWidth: 100, rag: 40 }, Infinity)?.map((l) => l.end)).toEqual([1, 3]);
  });

  it('returns only lines within the limits', () => {
    const items = words([30, 30, 30, 20, 40, 30, 30, 34]);
    const lines = breakLines({ items, lineWidth: 100, firstLineWidth: 100 });
    expect(lines).toBeDefined();
    for (const line of lines!.slice(0, -1)) expect(Math.abs(line.ratio)).toBeLessThanOrEqual(1);
  });

  it('returns nothing when no set of breaks stays within the limits, and spaces out letters where allowed', () => {
    // 46 + 4 + 40 = 90 on a line of 100: 10 short, but one space may stretch only by STRETCH × 4.
    const items = words([46, 40, 95]);
    expect(breakLines({ items, lineWidth: 100, firstLineWidth: 100 })).toBeUndefined();
    const spaced = items.map((item): Item => (item.kind === 'box' ? { ...item, letters: item.width * 0.2 } : item));
    const lines = breakLines({ items: spaced, lineWidth: 100, firstLineWidth: 100 });
    expect(lines?.[0]).toMatchObject({ end: 3, natural: 90, spaces: 4 });
    expect(lines![0]!.ratio).toBeCloseTo(10 / (STRETCH * 4 + 0.2 * 86), 6);
  });

  it('prefers a break at a space to a hyphen, and takes the hyphen’s width into the line', () => {
    const items: Item[] = [
      ...words([40, 40]),
      { kind: 'penalty', width: 5, penalty: 50, flagged: true },
      { kind: 'box', width: 30, letters: 0 },
      ...words([0, 55]).slice(1),
    ];
    // "40 40-" is 89 of 90 with its hyphen; "40 40 30" (114) is too long, "40 40" (84) too loose.
    const lines = breakLines({ items, lineWidth: 90, firstLineWidth: 90 });
    expect(lines?.[0]).toMatchObject({ end: 3, natural: 89 });
  });
});
