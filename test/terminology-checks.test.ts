import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTranslations } from '../src/checks/check.js';
import { InputError } from '../src/errors.js';
import { loadProject } from '../src/io/project.js';
import { readTermbase } from '../src/readers/terms.js';
import { makeProject, REPO, runCli } from './helpers.js';
import { parseInline } from '../src/readers/inline.js';

const FIXTURE = join(REPO, 'test/fixtures/terminology');
const TERMINOLOGY = ['term-missing', 'term-forbidden', 'term-inconsistent', 'quotation'];

/** Line and column of an entry's `text` value in a fixture translation, read from the file as text. */
function textOf(lang: string, key: string): { line: number; column: number } {
  const lines = readFileSync(join(FIXTURE, `translations/${lang}.yaml`), 'utf8').split('\n');
  const keyLine = lines.findIndex((l) => l.startsWith(`    ${key}:`));
  const textLine = lines.findIndex((l, i) => i > keyLine && /^\s+text: /.test(l));
  return { line: textLine + 1, column: lines[textLine]!.indexOf('text: ') + 'text: '.length + 1 };
}

async function terminologyFindings(checks: Record<string, string> = {}) {
  const project = await loadProject(FIXTURE);
  Object.assign(project.config.checks, checks);
  return checkTranslations(project).findings.filter((f) => TERMINOLOGY.includes(f.check));
}

describe('terminology checks on the fixture', () => {
  it('report each problem once, at its entry, with the default severities', async () => {
    const findings = await terminologyFindings();
    expect(findings.map(({ check, severity, lang, key, file, line, column }) => ({ check, severity, lang, key, file, line, column }))).toEqual([
      { check: 'term-forbidden', severity: 'error', lang: 'he', key: 'forbidden', file: 'translations/he.yaml', ...textOf('he', 'forbidden') },
      { check: 'term-missing', severity: 'warning', lang: 'he', key: 'missing', file: 'translations/he.yaml', ...textOf('he', 'missing') },
      { check: 'quotation', severity: 'error', lang: 'he', key: 'quotation', file: 'translations/he.yaml', ...textOf('he', 'quotation') },
      { check: 'term-inconsistent', severity: 'error', lang: 'es', key: 'declaration-c', file: 'translations/es.yaml', ...textOf('es', 'declaration-c') },
    ]);
  });

  it('say what is wrong and what to write', async () => {
    const [forbidden, missing, quotation, inconsistent] = (await terminologyFindings()).map((f) => f.message);
    expect(forbidden).toBe('“היהדות המתקדמת” is a forbidden rendering of “Progressive Jewry”: it names the Reform movement. Write “היהדות הפרוגרסיבית” (terms.yaml: progressive-jewry).');
    expect(missing).toContain('the English says “occupation”, but the translation does not use its rendering “הכיבוש” (terms.yaml: occupation)');
    expect(quotation).toContain('whose wording in this language is “שוויון זכויות חברתי ומדיני גמור”, but the translation has “שוויון זכויות מדיני וחברתי מלא”');
    expect(quotation).toContain('(source: the Declaration\'s Hebrew original)');
    expect(inconsistent).toBe('“Declaration of Independence” is rendered “Acta de Independencia” here but “Declaración de Independencia” in declaration-a and declaration-b: keep to one rendering in this language (terms.yaml: declaration).');
  });

  it('take severities from broadside.yaml like every other check', async () => {
    const findings = await terminologyFindings({ 'term-missing': 'error', 'term-forbidden': 'warning', quotation: 'off' });
    expect(findings.map((f) => `${f.check} ${f.severity}`)).toEqual(['term-forbidden warning', 'term-missing error', 'term-inconsistent error']);
  });

  it('accept prefixed renderings, variants used by sense, and a quotation differing only in spaces', async () => {
    const findings = await terminologyFindings();
    const quiet = ['prefixed', 'coexistence-people', 'coexistence-identities', 'declaration-a', 'declaration-b'];
    expect(findings.filter((f) => quiet.includes(f.key!))).toEqual([]);
    expect(findings.filter((f) => f.lang === 'es' && f.key === 'quotation')).toEqual([]);
  });
});

describe('terminology checks on the shipped statement', () => {
  it('find nothing in the shipped translations', async () => {
    const project = await loadProject(REPO);
    expect(project.terms?.terms.map((t) => t.id)).toEqual([
      'the-network',
      'progressive-jewry',
      'occupation',
      'nation-state-law',
      'anti-semitism',
      'declaration-of-independence',
      'coexistence',
      'two-peoples',
      'israeli-palestinian-conflict',
    ]);
    expect(checkTranslations(project).findings).toEqual([]);
  });

  it('would have caught the renderings issue 15 corrected', async () => {
    const project = await loadProject(REPO);
    /** The entry's text as the translation had it before the correction, parsed as the reader parses it. */
    const revert = (lang: string, key: string, edit: (text: string) => string): void => {
      const entry = project.translations.get(lang)!.statements.get('mission-statement')!.get(key)!;
      entry.text = edit(entry.text);
      entry.inline = parseInline(entry.text);
    };
    revert('he', 'our-values', (t) => t.replace('היהדות הפרוגרסיבית', 'היהדות המתקדמת'));
    revert('ar', 'our-values', (t) => t.replace('لليهود التقدميين', 'لليهودية التقدمية'));
    revert('es', 'keywords', (t) => t.replace('palestino-israelí', 'israelí-palestino'));
    revert('es', 'declaration-of-independence', (t) => t.replace('la ley del Estado-nación', 'la Ley del Estado-Nación').replace('sin diferencia de credo', 'sin distinción de religión'));
    revert('he', 'working-together', (t) => t.replace('הבין־לאומית', 'הבינלאומית'));
    const found = checkTranslations(project).findings.map((f) => `${f.lang} ${f.key} ${f.check}`);
    expect(found).toEqual([
      'he our-values term-forbidden',
      'he working-together term-inconsistent',
      'ar our-values term-forbidden',
      'es keywords term-forbidden',
      'es declaration-of-independence term-forbidden',
      'es declaration-of-independence quotation',
    ]);
  });
});

describe('reading terms.yaml', () => {
  const read = (text: string) => readTermbase('terms.yaml', text, 'en', ['he', 'es']);
  const failure = (text: string): InputError => {
    try {
      read(text);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('no error');
  };

  it('reads terms and quotations into the model', () => {
    const termbase = read('terms:\n  occupation:\n    en: [occupation, the occupation]\n    es:\n      rendering: ocupación\n      variants:\n        - text: [ocupación militar]\n          context: military\n      forbidden:\n        - text: Ocupación\n          matchCase: true\n          reason: lower case\nquotations:\n  q:\n    source: S\n    en: E\n    he:\n      text: T\n      source: H\n');
    expect(termbase.terms[0]).toMatchObject({ id: 'occupation', source: ['occupation', 'the occupation'], line: 2, column: 3 });
    expect(termbase.terms[0]!.languages.get('es')).toEqual({
      rendering: { forms: ['ocupación'], matchCase: false },
      variants: [{ forms: ['ocupación militar'], matchCase: false, context: 'military' }],
      forbidden: [{ forms: ['Ocupación'], matchCase: true, reason: 'lower case' }],
    });
    expect(termbase.quotations[0]).toMatchObject({ id: 'q', text: 'E', source: 'S', line: 14, column: 3 });
    expect(termbase.quotations[0]!.languages.get('he')).toEqual({ text: 'T', source: 'H' });
  });

  it('names the file, line and column of a language the project does not have, and lists the fields', () => {
    const error = failure('terms:\n  occupation:\n    en: occupation\n    de:\n      rendering: Besatzung\n');
    expect(error.format()).toMatch(/^terms\.yaml:4:5: termbase: `terms\.occupation`: unknown field\(s\) de; the fields are: en, note, he, es\n/);
    expect(error.hint).toContain('rendering');
  });

  it('asks for the reason of a forbidden rendering', () => {
    const error = failure('terms:\n  occupation:\n    en: occupation\n    he:\n      rendering: הכיבוש\n      forbidden:\n        - text: השליטה\n');
    expect(error.message).toBe('termbase: `terms.occupation.he.forbidden.0.reason`: must say why this rendering is wrong');
    expect(error.location).toEqual({ file: 'terms.yaml', line: 7, column: 11 });
  });

  it('refuses a rendering that is not text, or has no words', () => {
    expect(failure('terms:\n  t:\n    en: occupation\n    he:\n      rendering: 12\n').message).toBe('termbase: `terms.t.he.rendering`: must be text, or a list of texts');
    expect(failure('terms:\n  t:\n    en: occupation\n    he:\n      rendering: "—"\n').message).toBe('termbase: `terms.t.he.rendering`: "—" has no words to look for');
    expect(failure('terms:\n  t:\n    he:\n      rendering: הכיבוש\n').message).toBe('termbase: `terms.t.en`: must be text, or a list of texts');
  });

  it('refuses an empty quotation, which every passage would contain', () => {
    const error = failure('quotations:\n  q:\n    source: S\n    en: ""\n');
    expect(error.message).toBe('termbase: `quotations.q.en`: must not be empty');
    expect(error.location).toEqual({ file: 'terms.yaml', line: 4, column: 9 });
  });

  it('refuses an empty file and YAML that does not parse, with their place', () => {
    expect(failure('').location).toEqual({ file: 'terms.yaml', line: 1, column: 1 });
    expect(failure('terms:\n  t:\n    en: "occupation\n').format()).toMatch(/^terms\.yaml:3:9: YAML syntax error: this quotation mark is never closed/);
  });

  it('makes broadside check exit 4 with the place and a fix, and write nothing else', async () => {
    const dir = await makeProject({ 'terms.yaml': 'terms:\n  occupation:\n    en: occupation\n    de:\n      rendering: Besatzung\n' });
    try {
      const { code, stdout, stderr } = await runCli(['check'], dir);
      expect({ code, stdout }).toEqual({ code: 4, stdout: '' });
      expect(stderr).toMatch(/^error: terms\.yaml:4:5: termbase: `terms\.occupation`: unknown field\(s\) de; the fields are: en, note, he, ar, es, fr\n/);
      expect(stderr).toContain('How to fix:');
      expect(stderr).not.toMatch(/\bat .+\.(?:ts|js|cjs):\d+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
