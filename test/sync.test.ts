import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../src/io/project.js';
import { obsoleteEntries, segmentStatuses } from '../src/localize/statuses.js';
import { readStatement } from '../src/readers/statement.js';
import { statementScope, type Scope } from '../src/sync/scopes.js';
import { syncTranslationText } from '../src/sync/sync-text.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

const STATEMENT = 'statements/mission-statement.md';
const HE = 'translations/he.yaml';

async function editStatement(dir: string, edit: (markdown: string) => string): Promise<void> {
  const path = join(dir, STATEMENT);
  await writeFile(path, edit(await readFile(path, 'utf8')));
}

async function editTranslation(dir: string, lang: string, edit: (yaml: string) => string): Promise<void> {
  const path = join(dir, `translations/${lang}.yaml`);
  await writeFile(path, edit(await readFile(path, 'utf8')));
}

type Entries = Record<string, { source: string; text: string; newSource?: string; note?: string }>;
interface Parsed {
  interface: Entries;
  statements: Record<string, Entries>;
  obsolete?: Record<string, Entries>;
}

async function translation(dir: string, lang = 'he'): Promise<Parsed> {
  return parse(await readText(join(dir, `translations/${lang}.yaml`))) as Parsed;
}

async function states(dir: string, lang = 'he'): Promise<Record<string, string>> {
  const project = await loadProject(dir);
  return Object.fromEntries(segmentStatuses(project.statements[0]!, project.translations.get(lang)).map((u) => [u.key, u.state]));
}

const FRONT = '---\ntitle: T\ndate: 2020-02-11\n---\n\n';
const scopeOf = (body: string): Scope => statementScope(readStatement('s', 'statements/s.md', FRONT + body));

describe('broadside sync on the shipped project', () => {
  it('has nothing to do: --check passes and sync leaves every file byte-identical', async () => {
    const dir = await makeProject();
    const check = await runCli(['sync', '--check'], dir);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('already in line');
    expect((await runCli(['sync'], dir)).code).toBe(0);
    for (const name of await readdir(join(REPO, 'translations'))) {
      expect(await readText(join(dir, 'translations', name)), name).toBe(await readText(join(REPO, 'translations', name)));
    }
  });
});

describe('broadside sync after the statement changed', () => {
  it('adds new passages as entries to translate, with their source and an empty text, in document order', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'A new paragraph. <!-- #new-one -->\n\nWe believe in the deep values'));
    expect((await runCli(['sync'], dir)).code).toBe(0);
    const entries = (await translation(dir)).statements['mission-statement']!;
    const keys = Object.keys(entries);
    expect(keys.indexOf('new-one')).toBe(keys.indexOf('who-we-are') + 1);
    expect(entries['new-one']).toEqual({ source: 'A new paragraph.', text: '' });
    expect(await readText(join(dir, HE))).toMatch(/ {4}new-one:\n {6}source: >-\n {8}A new paragraph\.\n {6}text: ""\n/);
    expect((await states(dir))['new-one']).toBe('missing');
  });

  it('keeps an edited passage’s translation and the source it was made from, marks it stale and shows the new source', async () => {
    const dir = await makeProject();
    const before = (await translation(dir)).statements['mission-statement']!['our-values']!;
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'We firmly believe in the deep values'));
    expect((await runCli(['sync'], dir)).code).toBe(0);
    const after = (await translation(dir)).statements['mission-statement']!['our-values']!;
    expect(after.source).toBe(before.source);
    expect(after.text).toBe(before.text);
    expect(after.newSource).toMatch(/^We firmly believe in the deep values/);
    expect((await states(dir))['our-values']).toBe('stale');
  });

  it('clears newSource once the translator has updated the entry, and makes an untranslated entry follow the source', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => md.replace('Mission Statement', 'Our Mission'));
    await runCli(['sync'], dir);
    await editTranslation(dir, 'he', (yaml) =>
      yaml
        .replace(/source: >-\n {8}Mission Statement\n {6}newSource: >-\n {8}Our Mission\n/, 'source: >-\n        Our Mission\n')
        .replace(/(organization:\n {6}source: >-\n {8}.*\n {6}text: )>-\n {8}.*\n/, '$1""\n'),
    );
    await editStatement(dir, (md) => md.replace('organization: International Progressive Jewish Network', 'organization: The International Progressive Jewish Network'));
    const result = await runCli(['sync'], dir);
    expect(result.stdout).toContain('organization: not yet translated; source updated');
    const entries = (await translation(dir)).statements['mission-statement']!;
    expect(entries.title).toEqual({ source: 'Our Mission', text: 'הצהרת ייעוד' });
    expect(entries.organization).toEqual({ source: 'The International Progressive Jewish Network', text: '' });
  });

  it('moves the translation of a removed passage to obsolete instead of deleting it', async () => {
    const dir = await makeProject();
    const text = (await translation(dir)).statements['mission-statement']!['widening-chasm']!.text;
    await editStatement(dir, (md) => md.replace(/We see a widening chasm[\s\S]*?<!-- #widening-chasm -->\n\n/, ''));
    expect((await runCli(['sync'], dir)).code).toBe(0);
    const parsed = await translation(dir);
    expect(parsed.statements['mission-statement']!['widening-chasm']).toBeUndefined();
    expect(parsed.obsolete!['mission-statement']!['widening-chasm']!.text).toBe(text);
    const project = await loadProject(dir);
    expect(obsoleteEntries(project.statements[0]!, project.translations.get('he')).map((e) => e.key)).toEqual(['widening-chasm']);
  });

  it('brings an obsolete translation back when its passage returns', async () => {
    const dir = await makeProject();
    const original = await readText(join(dir, STATEMENT));
    await editStatement(dir, (md) => md.replace(/We see a widening chasm[\s\S]*?<!-- #widening-chasm -->\n\n/, ''));
    await runCli(['sync'], dir);
    await writeFile(join(dir, STATEMENT), original);
    expect((await runCli(['sync'], dir)).code).toBe(0);
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
  });

  it('follows a renamed explicit key: the translation stays current when the text did not change', async () => {
    const dir = await makeProject();
    const text = (await translation(dir)).statements['mission-statement']!['working-together']!.text;
    await editStatement(dir, (md) => md.replace('<!-- #working-together -->', '<!-- #cooperation -->'));
    const result = await runCli(['sync'], dir);
    expect(result.stdout).toContain('cooperation: took the translation of "working-together" (100% the same text)');
    const parsed = await translation(dir);
    expect(parsed.statements['mission-statement']!.cooperation).toMatchObject({ text });
    expect(parsed.obsolete).toBeUndefined();
    expect((await states(dir)).cooperation).toBe('translated');
  });

  it('follows an unkeyed paragraph whose derived key changed with its text, and marks it stale', async () => {
    const dir = await makeProject();
    const paragraph = 'Our network meets once a year in a different city to plan its common campaigns.';
    await editStatement(dir, (md) => `${md}\n${paragraph}\n`);
    await runCli(['sync'], dir);
    const added = Object.keys((await translation(dir)).statements['mission-statement']!).at(-1)!;
    expect(added).toMatch(/^p-[0-9a-f]{8}$/);
    await editTranslation(dir, 'he', (yaml) => yaml.replace(/text: ""\n$/, 'text: הרשת נפגשת פעם בשנה\n'));
    await editStatement(dir, (md) => md.replace('once a year', 'twice a year'));
    const result = await runCli(['sync'], dir);
    const entries = (await translation(dir)).statements['mission-statement']!;
    const moved = Object.keys(entries).at(-1)!;
    expect(moved).not.toBe(added);
    expect(result.stdout).toContain(`took the translation of "${added}"`);
    expect(entries[moved]).toEqual({ source: paragraph, newSource: paragraph.replace('once', 'twice'), text: 'הרשת נפגשת פעם בשנה' });
    expect((await states(dir))[moved]).toBe('stale');
    expect((await translation(dir)).obsolete).toBeUndefined();
  });

  it('puts entries back in the order of the statement when paragraphs move', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => {
      const chasm = /We see a widening chasm[\s\S]*?<!-- #widening-chasm -->\n\n/.exec(md)![0];
      return md.replace(chasm, '').replace('We believe in the deep values', `${chasm}We believe in the deep values`);
    });
    const result = await runCli(['sync'], dir);
    expect(result.stdout).toContain('entries put back in the order of the text');
    const keys = Object.keys((await translation(dir)).statements['mission-statement']!);
    expect(keys.indexOf('widening-chasm')).toBeLessThan(keys.indexOf('our-values'));
  });

  it('keeps comments and hand formatting', async () => {
    const dir = await makeProject();
    await editTranslation(dir, 'he', (yaml) =>
      yaml
        .replace('language: he', 'language: he # reviewed by Dana')
        .replace('    our-values:', '    # Dana: check the word for "pluralism"\n    our-values:')
        .replace('  linksHeading:', '\n  # used under the links list\n  linksHeading:'),
    );
    const edited = await readText(join(dir, HE));
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'A new paragraph. <!-- #new-one -->\n\nWe believe in the deep values'));
    await runCli(['sync'], dir);
    const synced = await readText(join(dir, HE));
    expect(synced).toContain('language: he # reviewed by Dana');
    expect(synced).toContain('    # Dana: check the word for "pluralism"\n    our-values:');
    expect(synced).toContain('\n\n  # used under the links list\n  linksHeading:');
    expect(synced).toContain('text: "תאריך פרסום: {{date}}"');
    const added = /\n {4}new-one:\n {6}source: >-\n {8}A new paragraph\.\n {6}text: ""\n/;
    expect(synced.replace(added, '\n')).toBe(edited);
  });

  it('changes nothing the second time: byte-identical', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) =>
      md
        .replace('<!-- #working-together -->', '')
        .replace('We support movements', 'We support all movements')
        .replace(/We see a widening chasm[\s\S]*?<!-- #widening-chasm -->\n\n/, '## Who we are\n\n- one point\n- another point\n\n'),
    );
    expect((await runCli(['sync'], dir)).code).toBe(0);
    const first = await Promise.all(['he', 'ar', 'es', 'fr'].map((l) => readText(join(dir, `translations/${l}.yaml`))));
    const again = await runCli(['sync'], dir);
    expect(again.stdout).toContain('already in line');
    const second = await Promise.all(['he', 'ar', 'es', 'fr'].map((l) => readText(join(dir, `translations/${l}.yaml`))));
    expect(second).toEqual(first);
    expect((await runCli(['sync', '--check'], dir)).code).toBe(0);
  });
});

describe('broadside sync options', () => {
  it('--check lists what would change, writes nothing and exits 9', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'We firmly believe in the deep values'));
    const result = await runCli(['sync', '--check'], dir);
    expect(result.code).toBe(9);
    expect(result.stdout).toContain('translations/he.yaml: would change\n  ~ mission-statement › our-values: the source changed');
    expect(result.stderr).toContain('run `broadside sync`');
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
  });

  it('--lang syncs only the languages named and refuses unknown ones', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'We firmly believe in the deep values'));
    expect((await runCli(['sync', '--lang', 'fr'], dir)).code).toBe(0);
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
    expect(await readText(join(dir, 'translations/fr.yaml'))).toContain('newSource');
    const unknown = await runCli(['sync', '--lang', 'de'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('broadside add-lang de');
    expect((await runCli(['sync', '--lang', 'en'], dir)).code).toBe(2);
  });

  it('refuses an unknown statement', async () => {
    const result = await runCli(['sync', 'no-such-statement'], await makeProject());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mission-statement');
  });

  it('creates the file of a configured language that has none', async () => {
    const dir = await makeProject();
    await writeFile(join(dir, 'broadside.yaml'), `${await readText(join(dir, 'broadside.yaml'))}`.replace('  - code: fr', '  - code: fr\n  - code: de'));
    const result = await runCli(['sync'], dir);
    expect(result.stdout).toContain('translations/de.yaml: created');
    const de = await translation(dir, 'de');
    expect(de.interface.published).toEqual({ source: 'Published {{date}}', text: '' });
    expect(de.statements['mission-statement']!.title).toEqual({ source: 'Mission Statement', text: '' });
  });

  it('writes no file at all when one translation file is invalid', async () => {
    const dir = await makeProject();
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'We firmly believe in the deep values'));
    await editTranslation(dir, 'fr', (yaml) => yaml.replace('language: fr', 'language: fr\nsurprise: 1'));
    const result = await runCli(['sync'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('translations/fr.yaml:');
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
    expect(await readText(join(dir, 'translations/ar.yaml'))).toBe(await readText(join(REPO, 'translations/ar.yaml')));
  });
});

describe('syncTranslationText', () => {
  const FILE = 'language: he\ninterface:\n  old:\n    source: Old string\n    text: ישן\n  kept:\n    source: Kept\n    text: נשאר\n';

  it('syncs interface strings like statement segments, inline rather than as blocks, with obsolete under obsolete.interface', () => {
    const { text, changes } = syncTranslationText(FILE, {
      lang: 'he',
      file: 'he.yaml',
      scopes: [{ id: 'interface', units: [{ key: 'kept', source: 'Kept!' }, { key: 'added', source: 'Added' }] }],
    });
    expect(changes.map((c) => `${c.kind} ${'key' in c ? c.key : ''}`)).toEqual(['stale kept', 'added added', 'obsoleted old']);
    expect(text).toBe(
      'language: he\ninterface:\n  kept:\n    source: Kept\n    newSource: Kept!\n    text: נשאר\n  added:\n    source: Added\n    text: ""\nobsolete:\n  interface:\n    old:\n      source: Old string\n      text: ישן\n',
    );
  });

  it('moves the section of a deleted statement to obsolete when syncing every statement', () => {
    const file = 'language: he\nstatements:\n  gone:\n    title:\n      source: Gone\n      text: נעלם\n';
    const scope = scopeOf('Hello.');
    const { text } = syncTranslationText(file, { lang: 'he', file: 'he.yaml', scopes: [scope], allStatements: new Set(['s']) });
    const parsed = parse(text) as Parsed;
    expect(Object.keys(parsed.statements)).toEqual(['s']);
    expect(parsed.obsolete).toEqual({ gone: { title: { source: 'Gone', text: 'נעלם' } } });
  });

  it('keeps an entry that is moved to obsolete under a new name when obsolete already has that key', () => {
    const file = 'language: he\nstatements:\n  s:\n    x:\n      source: New X\n      text: חדש\nobsolete:\n  s:\n    x:\n      source: Old X\n      text: ישן\n';
    const { text } = syncTranslationText(file, { lang: 'he', file: 'he.yaml', scopes: [scopeOf('Hello.')] });
    const parsed = parse(text) as Parsed;
    expect(parsed.obsolete!.s).toMatchObject({ x: { text: 'ישן' }, 'x~2': { text: 'חדש' } });
  });

  it('returns the text untouched when nothing changes', () => {
    const scope = scopeOf('Hello.');
    const once = syncTranslationText('language: he\n', { lang: 'he', file: 'he.yaml', scopes: [scope] }).text;
    const twice = syncTranslationText(once, { lang: 'he', file: 'he.yaml', scopes: [scope] });
    expect(twice).toEqual({ text: once, changes: [] });
  });

  it('rejects an invalid translation file with its line and column', () => {
    expect(() => syncTranslationText('language: he\ninterface:\n  x:\n    text: 1\n', { lang: 'he', file: 'he.yaml', scopes: [] })).toThrow(/interface\.x\.source/);
  });
});

describe('broadside sync writes atomically', () => {
  it('replaces a changed translation file with a new one (temporary file + rename) and leaves no temporary file', async () => {
    const dir = await makeProject();
    const before = (await stat(join(dir, HE))).ino;
    await editStatement(dir, (md) => md.replace('We believe in the deep values', 'We firmly believe in the deep values'));
    expect((await runCli(['sync', '--lang', 'he'], dir)).code).toBe(0);
    expect((await stat(join(dir, HE))).ino).not.toBe(before);
    expect((await readdir(join(dir, 'translations'))).sort()).toEqual(['ar.yaml', 'es.yaml', 'fr.yaml', 'he.yaml']);
  });
});
