/**
 * Liang's hyphenation (TeX's) over the pattern trie of a language module of the `hyphen` package.
 * `hyphen`'s own functions read their input character by character through closures, a regex test
 * and a clock reading per word, which cost a build more than the patterns themselves; this walks the
 * same data, word by word, and finds the same break points (test/hyphenation.test.ts holds it to that).
 */

/** A trie node: a child per letter; a number or a [node, number] pair names a row of the levels table. */
interface TrieNode {
  [letter: string]: TrieNode | number | [TrieNode, number];
}

/** What a language module of `hyphen` exports as `patterns`: levels, trie and exceptions (word → break offsets). */
export type PatternData = [levels: number[][], trie: TrieNode, exceptions?: Record<string, number[]>];

/** The offsets in `word` before which a hyphen may go, by the language's patterns and exceptions. */
export type BreakFinder = (word: string) => number[];

export function breakFinder([table, trie, exceptions = {}]: PatternData): BreakFinder {
  return (word) => {
    const lower = word.toLocaleLowerCase();
    if (Object.hasOwn(exceptions, lower)) return exceptions[lower]!;
    const text = `.${lower}.`;
    const levels = new Array<number>(word.length + 1).fill(0);
    for (let start = 0; text.length - start >= 3; start++) {
      // As in `hyphen`: the patterns matched from the leading dot and from the first letter both start at level 0.
      const at = start === 0 ? 0 : start - 1;
      let node: TrieNode | undefined = trie;
      for (let k = start; node && k < text.length; k++) {
        const next: TrieNode[string] | undefined = node[text[k]!];
        if (next === undefined) break;
        const row = typeof next === 'number' ? next : Array.isArray(next) ? next[1] : -1;
        node = typeof next === 'number' ? undefined : Array.isArray(next) ? next[0] : next;
        if (row < 0) continue;
        const pattern = table[row]!;
        for (let m = 0; m < pattern.length; m++) {
          // Past the end `hyphen` takes Math.max(level, undefined), NaN: never a break, but the array grows.
          const level: number | undefined = levels[at + m];
          if (level === undefined) levels[at + m] = NaN;
          else if (pattern[m]! > level) levels[at + m] = pattern[m]!;
        }
      }
    }
    levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
    const breaks: number[] = [];
    for (let i = 0; i < levels.length; i++) if (levels[i]! % 2 === 1) breaks.push(i);
    return breaks;
  };
}
