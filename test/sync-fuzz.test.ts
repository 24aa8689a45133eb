import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { segmentsOf } from '../src/model/statement.js';
import { readStatement } from '../src/readers/statement.js';
import { readTranslation } from '../src/readers/translation.js';
import { statementScope } from '../src/sync/scopes.js';
import { syncTranslationText } from '../src/sync/sync-text.js';

/**
 * Nothing lost (issue 6): whatever the authors do to the statement and however often sync runs in
 * between, every translation a translator ever entered is still in the file: current, stale or obsolete.
 */

interface Paragraph {
  words: string[];
  key?: string;
}

type Edit =
  | { op: 'insert'; at: number; words: string[] }
  | { op: 'delete'; at: number }
  | { op: 'edit'; at: number; word: number; replacement: string }
  | { op: 'rewrite'; at: number; words: string[] }
  | { op: 'move'; from: number; to: number }
  | { op: 'key'; at: number }
  | { op: 'unkey'; at: number }
  | { op: 'translate'; pick: boolean[] }
  | { op: 'confirm'; pick: boolean[] };

// A small vocabulary, so that unrelated paragraphs often look alike and matching is put to the test.
const word = fc.constantFrom('alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima');
const words = fc.array(word, { minLength: 2, maxLength: 8 });
const index = fc.nat(20);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: index, words }),
  fc.record({ op: fc.constant('delete' as const), at: index }),
  fc.record({ op: fc.constant('edit' as const), at: index, word: index, replacement: word }),
  fc.record({ op: fc.constant('rewrite' as const), at: index, words }),
  fc.record({ op: fc.constant('move' as const), from: index, to: index }),
  fc.record({ op: fc.constant('key' as const), at: index }),
  fc.record({ op: fc.constant('unkey' as const), at: index }),
  fc.record({ op: fc.constant('translate' as const), pick: fc.array(fc.boolean(), { maxLength: 20 }) }),
  fc.record({ op: fc.constant('confirm' as const), pick: fc.array(fc.boolean(), { maxLength: 20 }) }),
);

function markdown(paragraphs: Paragraph[]): string {
  const body = paragraphs.map((p) => `${p.words.join(' ')}${p.key ? ` <!-- #${p.key} -->` : ''}`).join('\n\n');
  return `---\ntitle: Fuzzed statement\ndate: 2020-02-11\n---\n\n${body}\n`;
}

class Simulation {
  paragraphs: Paragraph[] = [{ words: ['alpha', 'bravo', 'charlie'] }];
  yaml = 'language: he\n';
  /** Every translation a translator has typed in so far. */
  readonly entered = new Set<string>();
  private nextKey = 1;
  private nextText = 1;

  apply(change: Edit): void {
    const n = this.paragraphs.length;
    const at = 'at' in change ? change.at % n : 0;
    switch (change.op) {
      case 'insert':
        this.paragraphs.splice(change.at % (n + 1), 0, { words: change.words });
        break;
      case 'delete':
        if (n > 1) this.paragraphs.splice(at, 1);
        break;
      case 'edit': {
        const p = this.paragraphs[at]!;
        p.words = p.words.map((w, i) => (i === change.word % p.words.length ? change.replacement : w));
        break;
      }
      case 'rewrite':
        this.paragraphs[at]!.words = change.words;
        break;
      case 'move':
        this.paragraphs.splice(change.to % n, 0, ...this.paragraphs.splice(change.from % n, 1));
        break;
      case 'key':
        this.paragraphs[at]!.key = `k${this.nextKey++}`;
        break;
      case 'unkey':
        delete this.paragraphs[at]!.key;
        break;
      case 'translate':
        this.translatorEdits(change.pick, (entry) => {
          if (String(entry.get('text')) !== '') return;
          const text = `T${this.nextText++}`;
          entry.set('text', text);
          this.entered.add(text);
        });
        return;
      case 'confirm':
        this.translatorEdits(change.pick, (entry) => {
          if (!entry.has('newSource')) return;
          entry.set('source', entry.get('newSource'));
          entry.delete('newSource');
        });
        return;
    }
  }

  private translatorEdits(pick: boolean[], edit: (entry: YAMLMap) => void): void {
    const doc = parseDocument(this.yaml);
    const section = doc.getIn(['statements', 's']);
    if (!isMap(section)) return;
    section.items.forEach((pair, i) => {
      if (pick[i % Math.max(1, pick.length)] && isMap(pair.value)) edit(pair.value);
    });
    this.yaml = doc.toString({ lineWidth: 0 });
  }

  sync(): void {
    const statement = readStatement('s', 'statements/s.md', markdown(this.paragraphs));
    const target = { lang: 'he', file: 'he.yaml', scopes: [statementScope(statement)], allStatements: new Set(['s']) };
    const { text } = syncTranslationText(this.yaml, target);

    const present = allTexts(text);
    for (const t of this.entered) expect(present, `translation ${t} was lost`).toContain(t);
    const translation = readTranslation('he', 'he.yaml', text, new Set(['s']));
    expect([...translation.statements.get('s')!.keys()]).toEqual(segmentsOf(statement).map((s) => s.key));
    expect(syncTranslationText(text, target)).toEqual({ text, changes: [] });
    this.yaml = text;
  }
}

function allTexts(yaml: string): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === 'text' && isScalar(pair.value)) texts.push(String(pair.value.value));
      else visit(pair.value);
    }
  };
  visit(parseDocument(yaml).contents);
  return texts;
}

describe('sync never loses a translation', () => {
  it('keeps every translation ever entered through random edits, reorderings and key changes', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const simulation = new Simulation();
        simulation.sync();
        for (const change of edits) {
          simulation.apply(change);
          simulation.sync();
        }
      }),
      { numRuns: 150 },
    );
  });
});
