import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTranslations } from '../src/checks/check.js';
import { CHECK_IDS, type CheckId, type Severity } from '../src/checks/catalog.js';
import { loadProject } from '../src/io/project.js';
import { segmentsOf } from '../src/model/statement.js';
import { REPO } from './helpers.js';

const FIXTURE = join(REPO, 'test/fixtures/broken-translations');
const project = await loadProject(FIXTURE);
const report = checkTranslations(project);

/** Where the fixture file puts an entry's `text` value (or, for `section`, the first entry of `statements.broken`), found by reading the file as text. */
function positionIn(lang: string, key: string, at: 'text' | 'section' = 'text'): { line: number; column: number } {
  const lines = readFileSync(join(FIXTURE, `translations/${lang}.yaml`), 'utf8').split('\n');
  if (at === 'section') {
    const broken = lines.findIndex((l, i) => l === '  broken:' && lines.slice(0, i).includes('statements:'));
    return { line: broken + 2, column: 5 };
  }
  const [section, name] = key.startsWith('interface.') ? ['interface:', key.slice('interface.'.length)] : [key === 'removed' ? 'obsolete:' : 'statements:', key];
  const indent = section === 'interface:' ? '  ' : '    ';
  const start = lines.indexOf(section);
  const keyLine = lines.findIndex((l, i) => i > start && (l === `${indent}${name}:` || l.startsWith(`${indent}${name}: #`)));
  const textLine = lines.findIndex((l, i) => i > keyLine && /^\s+text: /.test(l));
  return { line: textLine + 1, column: lines[textLine]!.indexOf('text: ') + 'text: '.length + 1 };
}

interface Case {
  check: CheckId;
  severity: Severity;
  lang: string;
  key: string;
  at?: 'section';
}

const CASES: Case[] = [
  { check: 'missing', severity: 'warning', lang: 'he', key: 'absent', at: 'section' },
  { check: 'empty', severity: 'warning', lang: 'he', key: 'blank' },
  { check: 'stale', severity: 'warning', lang: 'he', key: 'changed' },
  { check: 'obsolete', severity: 'warning', lang: 'he', key: 'gone' },
  { check: 'obsolete', severity: 'warning', lang: 'he', key: 'removed' },
  { check: 'obsolete', severity: 'warning', lang: 'he', key: 'interface.oldString' },
  { check: 'identical', severity: 'warning', lang: 'es', key: 'plain' },
  { check: 'markup-links', severity: 'error', lang: 'he', key: 'links' },
  { check: 'markup-emphasis', severity: 'warning', lang: 'he', key: 'emphasis' },
  { check: 'markup-code', severity: 'error', lang: 'he', key: 'code' },
  { check: 'markup-blocks', severity: 'error', lang: 'he', key: 'blocks' },
  { check: 'placeholders', severity: 'error', lang: 'he', key: 'interface.published' },
  { check: 'numbers', severity: 'error', lang: 'he', key: 'numbers' },
  { check: 'urls', severity: 'error', lang: 'he', key: 'url' },
  { check: 'emails', severity: 'error', lang: 'he', key: 'email' },
  { check: 'whitespace-leading', severity: 'warning', lang: 'he', key: 'leading' },
  { check: 'whitespace-trailing', severity: 'warning', lang: 'he', key: 'trailing' },
  { check: 'whitespace-double', severity: 'warning', lang: 'he', key: 'double' },
  { check: 'whitespace-zero-width', severity: 'warning', lang: 'he', key: 'zero-width' },
  { check: 'punctuation-end', severity: 'warning', lang: 'he', key: 'question' },
  { check: 'punctuation-end', severity: 'warning', lang: 'ar', key: 'question' },
  { check: 'punctuation-inverted', severity: 'warning', lang: 'es', key: 'exclamation' },
  { check: 'punctuation-french-spacing', severity: 'warning', lang: 'fr', key: 'french' },
  { check: 'punctuation-pairs', severity: 'warning', lang: 'he', key: 'brackets' },
  { check: 'rtl-start-punctuation', severity: 'error', lang: 'he', key: 'start-punctuation' },
  { check: 'bidi-controls', severity: 'error', lang: 'he', key: 'controls' },
  { check: 'rtl-script', severity: 'warning', lang: 'he', key: 'script' },
];

describe('each check on the broken fixture', () => {
  it('has a case for every check id', () => {
    // The termbase checks need a terms.yaml: test/terminology-checks.test.ts has their cases.
    const termbaseChecks = ['term-missing', 'term-forbidden', 'term-inconsistent', 'quotation'];
    expect(new Set(CASES.map((c) => c.check))).toEqual(new Set(CHECK_IDS.filter((id) => !termbaseChecks.includes(id))));
  });

  it.each(CASES)('$check fires on $lang $key', ({ check, severity, lang, key, at }) => {
    const found = report.findings.filter((f) => f.check === check && f.lang === lang && f.key === key);
    expect(found).toHaveLength(1);
    const finding = found[0]!;
    expect(finding).toMatchObject({ severity, file: `translations/${lang}.yaml`, ...positionIn(lang, key, at) });
    expect(finding.statement).toBe(key.startsWith('interface.') ? undefined : 'broken');
    expect(finding.message.length).toBeGreaterThan(20);
  });
});

/** Every finding on the fixture, per language and key: nothing fires where it should not. */
const EXPECTED: Record<string, Record<string, CheckId[]>> = {
  he: {
    absent: ['missing'],
    blank: ['empty'],
    changed: ['stale'],
    gone: ['obsolete'],
    removed: ['obsolete'],
    links: ['markup-links'],
    emphasis: ['markup-emphasis'],
    code: ['markup-code'],
    blocks: ['markup-blocks'],
    numbers: ['numbers'],
    url: ['urls'],
    email: ['emails'],
    leading: ['whitespace-leading'],
    trailing: ['whitespace-trailing'],
    double: ['whitespace-double'],
    'zero-width': ['whitespace-zero-width'],
    question: ['punctuation-end'],
    brackets: ['punctuation-pairs'],
    'start-punctuation': ['punctuation-end', 'rtl-start-punctuation'],
    controls: ['bidi-controls'],
    script: ['rtl-script'],
    'interface.published': ['placeholders'],
    'interface.oldString': ['obsolete'],
  },
  // ٢٠٢٠ and ۱۲ are the English 2020 and 12: `numbers` stays silent.
  ar: { numbers: [], question: ['punctuation-end'], exclamation: [] },
  es: { plain: ['identical'], question: [], exclamation: ['punctuation-inverted'] },
  fr: { question: [], french: ['punctuation-french-spacing'] },
};

describe.each(Object.keys(EXPECTED))('all findings for %s', (lang) => {
  it('are exactly the expected ones', () => {
    const statement = project.statements[0]!;
    const untranslated = lang === 'he' ? [] : ['missing'];
    const expected: Record<string, string[]> = {};
    for (const segment of segmentsOf(statement)) expected[segment.key] = untranslated;
    for (const key of project.interfaceStrings.strings.keys()) expected[`interface.${key}`] = [];
    if (lang === 'he') expected.title = [];
    Object.assign(expected, EXPECTED[lang]);

    const actual: Record<string, string[]> = Object.fromEntries(Object.keys(expected).map((key) => [key, []]));
    for (const f of report.findings.filter((f) => f.lang === lang)) (actual[f.key!] ??= []).push(f.check);
    for (const key of Object.keys(actual)) actual[key]!.sort();
    expect(actual).toEqual(expected);
  });
});

describe('messages a translator can act on', () => {
  const message = (check: CheckId, key: string, lang = 'he'): string => report.findings.find((f) => f.check === check && f.key === key && f.lang === lang)!.message;

  it('stale shows how the English changed as a word diff', () => {
    expect(message('stale', 'changed')).toContain('The English of this paragraph {+changed after it +}was translated.');
  });

  it('numbers name the differing numbers as written', () => {
    expect(message('numbers', 'numbers')).toContain('missing: 2020; not in the English: 2021');
  });

  it('links name the missing target', () => {
    expect(message('markup-links', 'links')).toContain('the English has 2 links, the translation 1 link; missing: https://example.org/summary');
  });

  it('Arabic end punctuation asks for the Arabic question mark', () => {
    expect(message('punctuation-end', 'question', 'ar')).toContain('“؟”');
  });

  it('French spacing says what to insert and where', () => {
    expect(message('punctuation-french-spacing', 'french', 'fr')).toMatch(/^“:” needs a no-break space before it, at “Notre but: « paix/);
  });

  it('missing says where to add the entry', () => {
    expect(message('missing', 'absent')).toContain('under `statements.broken`');
  });
});

describe('the shipped translations', () => {
  it('pass every check with no errors and no warnings', async () => {
    const shipped = checkTranslations(await loadProject(REPO));
    expect(shipped.languages).toEqual(['he', 'ar', 'es', 'fr']);
    expect(shipped.findings.map((f) => `${f.lang} ${f.key} ${f.check}: ${f.message}`)).toEqual([]);
  });
});
