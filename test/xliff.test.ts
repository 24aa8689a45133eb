import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadProject } from '../src/io/project.js';
import { segmentStatuses } from '../src/localize/statuses.js';
import { parseXml, XmlSyntaxError } from '../src/xliff/xml.js';
import { exportedXliff, makeProject, readText, REPO, runCli, xliffUnit as unitXml } from './helpers.js';

const STATEMENT = 'statements/mission-statement.md';
const HE = 'translations/he.yaml';

async function edit(dir: string, path: string, change: (text: string) => string): Promise<void> {
  await writeFile(join(dir, path), change(await readFile(join(dir, path), 'utf8')));
}


/** A project where the statement changed after translation: one stale passage and one new one. */
async function changedProject(): Promise<string> {
  const dir = await makeProject();
  await edit(dir, STATEMENT, (md) =>
    md.replace('We support movements', 'We firmly support movements').replace('Palestine. <!-- #working-together -->', 'Palestine. <!-- #working-together -->\n\nA new passage with *emphasis* & a [link](https://example.org/?a=1&b=2). <!-- #new-passage -->'),
  );
  expect((await runCli(['sync'], dir)).code).toBe(0);
  return dir;
}

type Entries = Record<string, { source: string; text: string; newSource?: string }>;
const entriesOf = async (dir: string): Promise<Entries> => (parse(await readText(join(dir, HE))) as { statements: Record<string, Entries> }).statements['mission-statement']!;

describe('broadside xliff export (2.0)', () => {
  it('writes languages, directions, per-segment state, notes, and ids made of statement and key', async () => {
    const xliff = await exportedXliff(await changedProject(), 'he', '--version', '2.0');
    expect(xliff).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="he">');
    expect(xliff).toContain('<file id="mission-statement" original="statements/mission-statement.md" srcDir="ltr" trgDir="rtl" canResegment="no">');
    expect(xliff).toContain('<file id="interface" original="templates/strings.yaml" srcDir="ltr" trgDir="rtl" canResegment="no">');

    const translated = unitXml(xliff, 'mission-statement:who-we-are');
    expect(translated).toContain('<note category="key">who-we-are</note>');
    expect(translated).toMatch(/<note category="context">Mission Statement › paragraph \(statements\/mission-statement\.md, line \d+\)<\/note>/);
    expect(translated).toMatch(/<segment state="translated">\s*<source>The International[^<]*<\/source>\s*<target xml:lang="he">הרשת[^<]*<\/target>/);

    const stale = unitXml(xliff, 'mission-statement:peace-and-self-determination');
    expect(stale).toContain('<segment state="initial" subState="broadside:stale">');
    expect(stale).toContain('<note category="previous-source">We support movements');
    expect(stale).toMatch(/<source>We firmly support movements/);
    expect(stale).toMatch(/<target xml:lang="he">אנו תומכים/);
    expect(stale).toContain('<note category="previous-translation">אנו תומכים');

    const missing = unitXml(xliff, 'mission-statement:new-passage');
    expect(missing).toContain('<segment state="initial">');
    expect(missing).not.toContain('<target>');
    expect(unitXml(xliff, 'interface:published')).toContain('<source>Published <ph id="1" dataRef="d1" type="other" subType="xlf:var" disp="{{date}}"/></source>');
  });

  it('escapes XML and writes inline Markdown as inline codes, the link target outside the text', async () => {
    const xliff = await exportedXliff(await changedProject(), 'he', '--version', '2.0');
    const unit = unitXml(xliff, 'mission-statement:new-passage');
    expect(unit).toContain(
      '<source>A new passage with <pc id="1" dataRefStart="d1" dataRefEnd="d1" type="fmt" subType="xlf:i" dispStart="*" dispEnd="*">emphasis</pc> &amp; a <pc id="2" dataRefStart="d2" dataRefEnd="d3" type="link" dispStart="[" dispEnd="](https://example.org/?a=1&amp;b=2)">link</pc>.</source>',
    );
    expect(unit).toContain('<data id="d3">](https://example.org/?a=1&amp;b=2)</data>');
    expect(unit).toContain('<note category="links">tag 2 goes to https://example.org/?a=1&amp;b=2</note>');
    expect(() => parseXml(xliff)).not.toThrow();
  });

  it('marks a left-to-right target as ltr and exports only the statements named', async () => {
    const xliff = await exportedXliff(await makeProject(), 'es', 'mission-statement', '--version', '2.0');
    expect(xliff).toContain('srcDir="ltr" trgDir="ltr"');
    expect((await runCli(['xliff', 'export', 'es', 'nope'], await makeProject())).code).toBe(2);
  });

  it('writes XLIFF 1.2 (what OmegaT and translate-toolkit read) to xliff/<lang>-<version>.xlf in the project by default, atomically', async () => {
    const dir = await makeProject();
    const result = await runCli(['xliff', 'export', 'he'], dir);
    expect(result.stdout).toMatch(/^Wrote \d+ unit\(s\) to xliff\/he-1\.2\.xlf \(XLIFF 1\.2\)\n$/);
    expect(await readText(join(dir, 'xliff/he-1.2.xlf'))).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1\.2" version="1\.2">/);
  });

  it('refuses the source language and languages that are not configured', async () => {
    const dir = await makeProject();
    expect((await runCli(['xliff', 'export', 'en'], dir)).code).toBe(2);
    const unknown = await runCli(['xliff', 'export', 'de'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('broadside add-lang de');
    expect((await runCli(['xliff', 'export', 'he', '--version', '3.0'], dir)).code).toBe(2);
  });
});

describe('broadside xliff export --version 1.2', () => {
  it('writes 1.2 states on the target, xml:lang, notes, and the direction in a header note', async () => {
    const xliff = await exportedXliff(await changedProject(), 'ar', '--version', '1.2');
    expect(xliff).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">');
    expect(xliff).toContain('source-language="en" target-language="ar" datatype="plaintext"');
    expect(xliff).toContain('<note from="developer">Statement “Mission Statement”. Write the translation right-to-left (ar).</note>');
    const translated = unitXml(xliff, 'mission-statement:title');
    expect(translated).toContain('<trans-unit id="mission-statement:title" resname="title" approved="yes">');
    expect(translated).toContain('<source xml:lang="en">Mission Statement</source>');
    expect(translated).toMatch(/<target xml:lang="ar" state="translated">[^<]+<\/target>/);
    expect(translated).toContain('<note from="developer">key: title</note>');
    const stale = unitXml(xliff, 'mission-statement:peace-and-self-determination');
    expect(stale).toContain('<trans-unit id="mission-statement:peace-and-self-determination" resname="peace-and-self-determination">');
    expect(stale).toContain('state="needs-review-translation"');
    expect(stale).toContain('<note from="developer" annotates="source">out of date; the translation was made from this English: We support movements');
    expect(stale).toMatch(/<alt-trans alttranstype="previous-version">\s*<source xml:lang="en">We support movements[^<]*<\/source>\s*<target xml:lang="ar">[^<]+<\/target>\s*<\/alt-trans>/);
    const missing = unitXml(xliff, 'mission-statement:new-passage');
    expect(missing).toContain('<target xml:lang="ar" state="needs-translation"></target>');
    expect(missing).toContain('<source xml:lang="en">A new passage with <bpt id="1" ctype="italic">*</bpt>emphasis<ept id="1">*</ept> &amp; a <bpt id="2" ctype="link">[</bpt>link<ept id="2">](https://example.org/?a=1&amp;b=2)</ept>.</source>');
    expect(unitXml(xliff, 'interface:published')).toContain('<source xml:lang="en">Published <ph id="1" ctype="x-placeholder">{{date}}</ph></source>');
  });
});

describe('broadside xliff import', () => {
  it.each(['2.0', '1.2'])('changes nothing, byte for byte, when the exported %s file comes back unedited', async (version) => {
    const dir = await changedProject();
    const before = await readText(join(dir, HE));
    await writeFile(join(dir, 'he.xlf'), await exportedXliff(dir, 'he', '--version', version));
    const result = await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('translations/he.yaml: nothing to import; the translations are the same as in the file\n');
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it.each(['2.0', '1.2'])('brings in exactly the edits of a %s file: new, changed and confirmed translations', async (version) => {
    const dir = await changedProject();
    await edit(dir, HE, (yaml) => yaml.replace('language: he', '# keep this comment\nlanguage: he'));
    const before = await entriesOf(dir);
    let xliff = await exportedXliff(dir, 'he', '--version', version);
    const v2 = version === '2.0';
    const fill = (id: string, text: string, state: string): void => {
      const unit = unitXml(xliff, id);
      const filled = v2
        ? unit.replace(/<segment state="[^"]*"( subState="[^"]*")?>/, `<segment state="${state}">`).replace(/<\/source>(\s*<target>[^<]*<\/target>)?/, `</source>\n        <target>${text}</target>`)
        : unit.replace(/<target xml:lang="he" state="[^"]*">[^<]*<\/target>/, `<target xml:lang="he" state="${state}">${text}</target>`);
      xliff = xliff.replace(unit, filled);
    };
    fill('mission-statement:new-passage', 'קטע חדש עם *הדגשה* &amp; [קישור](https://example.org/?a=1&amp;b=2).', 'translated');
    fill('mission-statement:title', 'הצהרת הייעוד שלנו', 'translated');
    const stale = before['peace-and-self-determination']!;
    fill('mission-statement:peace-and-self-determination', stale.text, v2 ? 'reviewed' : 'signed-off');
    await writeFile(join(dir, 'he.xlf'), xliff);

    const result = await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^translations\/he\.yaml: 2 translation\(s\) imported, 1 confirmed for the current source, \d+ unchanged\n$/);
    const after = await entriesOf(dir);
    expect(after['new-passage']).toEqual({ source: 'A new passage with *emphasis* & a [link](https://example.org/?a=1&b=2).', text: 'קטע חדש עם *הדגשה* & [קישור](https://example.org/?a=1&b=2).' });
    expect(after.title).toEqual({ source: 'Mission Statement', text: 'הצהרת הייעוד שלנו' });
    expect(after['peace-and-self-determination']).toEqual({ source: stale.newSource, text: stale.text });
    const untouched = Object.keys(before).filter((key) => !['new-passage', 'title', 'peace-and-self-determination'].includes(key));
    for (const key of untouched) expect(after[key], key).toEqual(before[key]);
    expect(await readText(join(dir, HE))).toMatch(/^# Broadside translation: Hebrew \(he\)\.[\s\S]*# keep this comment\nlanguage: he\n/);

    const project = await loadProject(dir);
    const states = Object.fromEntries(segmentStatuses(project.statements[0]!, project.translations.get('he')).map((u) => [u.key, u.state]));
    expect(states).toMatchObject({ 'new-passage': 'translated', title: 'translated', 'peace-and-self-determination': 'translated' });
    expect((await runCli(['sync', '--check'], dir)).code).toBe(0);
  });

  it('keeps a stale translation stale when the tool did not mark it finished', async () => {
    const dir = await changedProject();
    const before = await readText(join(dir, HE));
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    await writeFile(join(dir, 'he.xlf'), xliff.replace('<segment state="initial" subState="broadside:stale">', '<segment state="initial">'));
    await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it('never erases a translation with an empty target', async () => {
    const dir = await makeProject();
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    const unit = unitXml(xliff, 'mission-statement:title');
    await writeFile(join(dir, 'he.xlf'), xliff.replace(unit, unit.replace(/<target>[^<]*<\/target>/, '<target></target>')));
    expect((await runCli(['xliff', 'import', 'he.xlf'], dir)).code).toBe(0);
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
  });

  it('adds an entry the translation file lacks in its place in the document, and replaces the file atomically', async () => {
    const dir = await makeProject();
    await edit(dir, HE, (yaml) => yaml.replace(/ {4}our-values:\n( {6}.*\n){4}/, ''));
    const inode = (await stat(join(dir, HE))).ino;
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    const unit = unitXml(xliff, 'mission-statement:our-values');
    await writeFile(join(dir, 'he.xlf'), xliff.replace(unit, unit.replace('<segment state="initial">', '<segment state="translated">').replace('</source>', '</source>\n        <target>ערכינו</target>')));
    expect((await runCli(['xliff', 'import', 'he.xlf'], dir)).code).toBe(0);
    const keys = Object.keys(await entriesOf(dir));
    expect(keys.indexOf('our-values')).toBe(keys.indexOf('who-we-are') + 1);
    expect((await stat(join(dir, HE))).ino).not.toBe(inode);
  });

  it('rejects units whose passage no longer exists, naming the unit, file and line, and writes nothing', async () => {
    const dir = await makeProject();
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    await writeFile(join(dir, 'he.xlf'), xliff);
    await edit(dir, STATEMENT, (md) => md.replace('<!-- #working-together -->', '<!-- #together -->'));
    await runCli(['sync'], dir);
    const before = await readText(join(dir, HE));
    const result = await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(result.code).toBe(4);
    const line = xliff.split('\n').findIndex((l) => l.includes('<unit id="mission-statement:working-together"')) + 1;
    expect(result.stderr).toContain(`he.xlf:${line}:5: unit "mission-statement:working-together" is not a passage of the current statements`);
    expect(result.stderr).toContain('nothing was written');
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it('rejects units whose source is not the current text (exported before the statement changed)', async () => {
    const dir = await makeProject();
    await writeFile(join(dir, 'he.xlf'), await exportedXliff(dir, 'he', '--version', '1.2'));
    await edit(dir, STATEMENT, (md) => md.replace('We support movements', 'We firmly support movements'));
    const result = await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/he\.xlf:\d+:7: unit "mission-statement:peace-and-self-determination" has a source that is not the current text/);
    expect(result.stderr).toContain('We firmly support movements');
    expect(result.stderr).toContain('export the file again');
  });

  it('reads a unit a tool split into segments, and text wrapped in <mrk>', async () => {
    const dir = await makeProject();
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    const unit = unitXml(xliff, 'interface:pageOf');
    const split = unit.replace(
      /<segment state="translated">[\s\S]*<\/segment>/,
      '<segment state="translated"><source>Page {{page}}</source><target>עמוד <mrk id="m1" type="term">{{page}}</mrk></target></segment><ignorable><source> </source></ignorable><segment state="final"><source>of {{pages}}</source><target>מתוך&#x20;{{pages}} בסך הכול</target></segment>',
    );
    await writeFile(join(dir, 'he.xlf'), xliff.replace(unit, split));
    const result = await runCli(['xliff', 'import', 'he.xlf'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect((parse(await readText(join(dir, HE))) as { interface: Entries }).interface.pageOf).toEqual({ source: 'Page {{page}} of {{pages}}', text: 'עמוד {{page}} מתוך {{pages}} בסך הכול' });
  });

  it('accepts a region the tool added to the language (he-IL) but refuses other languages', async () => {
    const dir = await makeProject();
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    await writeFile(join(dir, 'he-IL.xlf'), xliff.replace('trgLang="he"', 'trgLang="he-IL"'));
    expect((await runCli(['xliff', 'import', 'he-IL.xlf'], dir)).code).toBe(0);
    await writeFile(join(dir, 'de.xlf'), xliff.replace('trgLang="he"', 'trgLang="de"'));
    const result = await runCli(['xliff', 'import', 'de.xlf'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('de.xlf:2:1: the file is for the language "de", which is not configured');
  });

  it('reports damaged XML with its line and column, refuses DOCTYPEs and inline codes', async () => {
    const dir = await makeProject();
    const xliff = await exportedXliff(dir, 'he', '--version', '2.0');
    await writeFile(join(dir, 'broken.xlf'), xliff.replace('</notes>', '</note>'));
    const broken = await runCli(['xliff', 'import', 'broken.xlf'], dir);
    expect(broken.code).toBe(4);
    expect(broken.stderr).toMatch(/broken\.xlf:6:5: XML syntax error: <\/note> closes <notes>/);

    await writeFile(join(dir, 'doctype.xlf'), xliff.replace('<xliff ', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<xliff '));
    expect((await runCli(['xliff', 'import', 'doctype.xlf'], dir)).stderr).toContain('a DOCTYPE is not allowed');

    const unit = unitXml(xliff, 'mission-statement:title');
    await writeFile(join(dir, 'code.xlf'), xliff.replace(unit, unit.replace('<target xml:lang="he">', '<target xml:lang="he"><ph id="1"/>')));
    expect((await runCli(['xliff', 'import', 'code.xlf'], dir)).stderr).toContain('unit "mission-statement:title" has a translation that cannot be taken: tag <1/> is not in the source; remove it');

    expect((await runCli(['xliff', 'import', 'missing.xlf'], dir)).stderr).toContain('cannot read missing.xlf');
    expect(await readText(join(dir, HE))).toBe(await readText(join(REPO, HE)));
  });
});

describe('parseXml', () => {
  it('reads elements, attributes in either quotes, references, CDATA, and skips comments and declarations', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&quot;\'>t&lt;&#x5D0;&#1488;<![CDATA[<b>]]><!-- c --><c/></a>\n');
    expect(root.attributes).toEqual(new Map([['x', '1 & 2'], ['y', '"']]));
    expect(root.children[0]).toBe('t<אא<b>');
    expect(root.children[1]).toMatchObject({ name: 'c', line: 2, column: 83 });
  });

  it.each([
    ['<a>', '<a> is not closed'],
    ['<a></b>', '</b> closes <a>'],
    ['<a>&nbsp;</a>', 'unknown character reference &nbsp;'],
    ['<a>AT&T</a>', '"&" must be written &amp;'],
    ['<a x="1" x="2"/>', 'the attribute "x" appears twice'],
    ['<a x=1/>', 'an attribute value must be in quotes'],
    ['<a/><b/>', 'unexpected content after the root element'],
  ])('rejects %j: %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
  });
});

describe('reference links in XLIFF', () => {
  const REFS = '---\ntitle: Refs\ndate: 2020-02-11\n---\n\nRead [the charter][charter], [charter][] and [charter]. <!-- #refs -->\n\n[charter]: https://example.org/charter "The charter"\n';
  const refsProject = (): Promise<string> => makeProject({ 'broadside.yaml': 'sourceLanguage: en\nlanguages:\n  - code: en\n  - code: fr\n', 'statements/refs.md': REFS }, { shipped: false });
  /** The 1.2 file with the unit's target set to its source, rewritten by `translate`. */
  const translated = (xliff: string, translate: (source: string) => string): string =>
    xliff.replace(/(<trans-unit id="refs:refs"[\s\S]*?<source xml:lang="en">)([\s\S]*?)(<\/source>\s*<target xml:lang="fr") state="needs-translation">(<\/target>)/, (_, open: string, source: string, target: string, close: string) => `${open}${source}${target} state="translated">${translate(source)}${close}`);

  it.each(['1.2', '2.0'])('%s: full, collapsed and shortcut reference links are link codes going where their definition says', async (version) => {
    const unit = unitXml(await exportedXliff(await refsProject(), 'fr', '--version', version), 'refs:refs');
    expect(unit).not.toContain('[the charter][charter]');
    expect(unit).toContain('tag 1 goes to https://example.org/charter (“The charter”); tag 2 goes to https://example.org/charter (“The charter”); tag 3 goes to https://example.org/charter (“The charter”)');
    if (version === '1.2') expect(unit).toContain('Read <bpt id="1" ctype="link">[</bpt>the charter<ept id="1">][charter]</ept>, <bpt id="2" ctype="link">[</bpt>charter<ept id="2">][]</ept> and <bpt id="3" ctype="link">[</bpt>charter<ept id="3">]</ept>.');
    else expect(unit).toContain('<source>Read <pc id="1" dataRefStart="d1" dataRefEnd="d2" type="link" dispStart="[" dispEnd="][charter]">the charter</pc>, <pc id="2" dataRefStart="d1" dataRefEnd="d3" type="link" dispStart="[" dispEnd="][]">charter</pc> and <pc id="3" dataRefStart="d1" dataRefEnd="d4" type="link" dispStart="[" dispEnd="]">charter</pc>.</source>');
  });

  it('imports a translation that keeps the codes as Markdown with the same references, and refuses one that loses a link', async () => {
    const dir = await refsProject();
    const xliff = await exportedXliff(dir, 'fr');
    await writeFile(join(dir, 'fr.xlf'), translated(xliff, (source) => source.replace('Read', 'Lisez').replace('the charter', 'la charte').replace(' and ', ' et ')));
    const result = await runCli(['xliff', 'import', 'fr.xlf'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(parse(await readText(join(dir, 'translations/fr.yaml'))).statements.refs.refs.text).toBe('Lisez [la charte][charter], [charter][] et [charter].');
    await runCli(['build', '--format', 'html', '--lang', 'fr'], dir);
    expect((await readText(join(dir, 'dist/refs/fr/index.html'))).match(/<a href="https:\/\/example\.org\/charter" title="The charter">/g)).toHaveLength(3);

    await writeFile(join(dir, 'fr.xlf'), translated(xliff, (source) => source.replace(/<bpt id="1"[^>]*>\[<\/bpt>the charter<ept id="1">\]\[charter\]<\/ept>/, 'la charte')));
    const refused = await runCli(['xliff', 'import', 'fr.xlf'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('the link to https://example.org/charter');
  });
});
