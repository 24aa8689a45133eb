import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/checks/check.js';
import { asciiDigits, numbersIn } from '../src/checks/digits.js';
import { sourceDiff } from '../src/checks/source-diff.js';
import { OBJECT, proseOf } from '../src/render/prose.js';
import { parseInline } from '../src/readers/inline.js';
import { escapeData, escapeProperty, FINDING_WRITERS } from '../src/report/findings.js';

describe('sourceDiff', () => {
  it('marks removed and added words', () => {
    expect(sourceDiff('The quick brown fox jumps.', 'The quick red fox jumps.')).toBe('The quick [-brown-]{+red+} fox jumps.');
  });

  it('shortens long unchanged stretches to a few words around each change', () => {
    const before = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const after = before.replace('eight', 'EIGHT');
    expect(sourceDiff(before, after)).toBe('… four five six seven [-eight-]{+EIGHT+} nine ten eleven twelve …');
  });
});

describe('numbers across digit systems', () => {
  it('reads Arabic-Indic, Extended Arabic-Indic and Devanagari digits as ASCII', () => {
    expect(asciiDigits('٢٠٢٠ ۲۰۲۰ २०२०')).toBe('2020 2020 2020');
  });

  it('finds the same number whatever the separators', () => {
    const digits = (text: string): string[] => numbersIn(text).map((n) => n.digits);
    expect(digits('2,020 and 2.020 and 2 020 and 2\u202F020 and ٢٬٠٢٠')).toEqual(['2020', '2020', '2020', '2020', '2020']);
    expect(digits('between 2019 2020')).toEqual(['2019', '2020']);
  });

  it('keeps each number as written, for messages', () => {
    expect(numbersIn('في عام ٢٠٢٠')).toEqual([{ written: '٢٠٢٠', digits: '2020' }]);
  });
});

describe('proseOf', () => {
  it('keeps link text and drops markup, code and written-out addresses', () => {
    expect(proseOf(parseInline('See *the* [report](https://x.org/?a=1), run `a?b` or write to me@x.org.'))).toBe(`See the report, run ${OBJECT} or write to ${OBJECT}.`);
  });
});

describe('GitHub annotations', () => {
  it('escape a message as the workflow-command toolkit does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
  });

  it('escape a property value, including : and ,', () => {
    expect(escapeProperty('a:b, 5%\n')).toBe('a%3Ab%2C 5%25%0A');
  });

  it('are one line per finding with file, line, column and title', () => {
    const report: CheckReport = {
      languages: ['fr'],
      errors: 1,
      warnings: 0,
      findings: [{ check: 'numbers', severity: 'error', file: 'translations/fr,x.yaml', line: 3, column: 7, lang: 'fr', statement: 's', key: 'k', message: 'one\ntwo: 5%' }],
    };
    expect(FINDING_WRITERS.github(report)).toBe('::error file=translations/fr%2Cx.yaml,line=3,col=7,title=numbers (fr s/k)::one%0Atwo: 5%25\n');
  });
});
