import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportedXliff as exported, makeProject, readText, runCli, spawnCli, xliffUnit as unitXml } from './helpers.js';

const HE = 'translations/he.yaml';
const FR = 'translations/fr.yaml';
const NEW_PASSAGE = 'Read *our charter*, sign the [pledge](https://example.org/pledge) and run `broadside build` before {{date}}.';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function project(): Promise<string> {
  const dir = await makeProject();
  made.push(dir);
  const statement = join(dir, 'statements/mission-statement.md');
  await writeFile(statement, (await readText(statement)).replace('Palestine. <!-- #working-together -->', `Palestine. <!-- #working-together -->\n\n${NEW_PASSAGE} <!-- #new-passage -->`));
  expect((await runCli(['sync'], dir)).code).toBe(0);
  return dir;
}


/** The 1.2 unit with its <target> replaced. */
function withTarget(xliff: string, id: string, target: string, lang = 'he'): string {
  const unit = unitXml(xliff, id);
  return xliff.replace(unit, unit.replace(/<target xml:lang="[^"]*" state="[^"]*">[\s\S]*?<\/target>/, target.replace('LANG', lang)));
}

async function importing(dir: string, xliff: string, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  await writeFile(join(dir, 'in.xlf'), xliff);
  return runCli(['xliff', 'import', 'in.xlf', ...flags], dir);
}

const entry = async (dir: string, key: string, file = HE): Promise<{ source: string; text: string }> =>
  (parse(await readText(join(dir, file))) as { statements: Record<string, Record<string, { source: string; text: string }>> }).statements['mission-statement']![key]!;

describe('xliff export --copy-source', () => {
  it('puts the current English in the target of untranslated and stale units, marked not translated, and keeps translations', async () => {
    const dir = await project();
    await writeFile(join(dir, 'statements/mission-statement.md'), (await readText(join(dir, 'statements/mission-statement.md'))).replace('We support movements', 'We firmly support movements'));
    await runCli(['sync'], dir);
    for (const version of ['1.2', '2.0']) {
      const xliff = await exported(dir, 'fr', '--copy-source', '--version', version);
      const missing = unitXml(xliff, 'mission-statement:new-passage');
      const stale = unitXml(xliff, 'mission-statement:peace-and-self-determination');
      const translated = unitXml(xliff, 'mission-statement:title');
      if (version === '1.2') {
        expect(missing).toMatch(/<target xml:lang="fr" state="needs-translation">Read <bpt id="1" ctype="italic">\*<\/bpt>our charter/);
        expect(stale).toMatch(/<target xml:lang="fr" state="needs-translation">We firmly support movements/);
        expect(stale).toMatch(/<alt-trans alttranstype="previous-version">\s*<source xml:lang="en">We support movements[^<]*<\/source>\s*<target xml:lang="fr">Nous soutenons/);
        expect(stale).not.toContain('approved');
        expect(translated).toMatch(/approved="yes">\s*<source xml:lang="en">Mission Statement<\/source>\s*<target xml:lang="fr" state="translated">Déclaration de mission<\/target>/);
      } else {
        expect(missing).toMatch(/<segment state="initial">\s*<source>Read <pc[^>]*>our charter<\/pc>[\s\S]*<target xml:lang="fr">Read <pc/);
        expect(stale).toMatch(/<segment state="initial" subState="broadside:stale">\s*<source>We firmly[^<]*<\/source>\s*<target xml:lang="fr">We firmly/);
        expect(stale).toContain('<note category="previous-translation">Nous soutenons');
      }
    }
  });
});

describe('xliff import: what counts as a translation', () => {
  it('takes a changed target whatever its state says (OmegaT never changes it), codes mapped back to Markdown', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he', '--copy-source');
    const result = await importing(
      dir,
      withTarget(xliff, 'mission-statement:new-passage', '<target xml:lang="LANG" state="needs-translation">לפני <ph id="4" ctype="x-placeholder">{{date}}</ph> קראו את <bpt id="1" ctype="italic">*</bpt>האמנה<ept id="1">*</ept>, חתמו על <bpt id="2" ctype="link">[</bpt>ההתחייבות<ept id="2">](https://example.org/pledge)</ept> והריצו <ph id="3" ctype="x-code">`broadside build`</ph>.</target>'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(await entry(dir, 'new-passage')).toEqual({ source: NEW_PASSAGE, text: 'לפני {{date}} קראו את *האמנה*, חתמו על [ההתחייבות](https://example.org/pledge) והריצו `broadside build`.' });
  });

  it('reads XLIFF 2.0 inline codes (<pc>, <ph>) back to Markdown, the codes in a new order', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he', '--copy-source', '--version', '2.0');
    const unit = unitXml(xliff, 'mission-statement:new-passage');
    const [, pc1, pc2, ph3, ph4] = /<target xml:lang="he">Read (<pc id="1"[^>]*>)our charter<\/pc>, sign the (<pc id="2"[^>]*>)pledge<\/pc> and run (<ph id="3"[^>]*\/>) before (<ph id="4"[^>]*\/>)\.<\/target>/.exec(unit)!;
    const target = `<target xml:lang="he">לפני ${ph4} קראו את ${pc1}האמנה</pc>, חתמו על ${pc2}ההתחייבות</pc> והריצו ${ph3}.</target>`;
    const result = await importing(dir, xliff.replace(unit, unit.replace(/<target xml:lang="he">[\s\S]*?<\/target>/, target)));
    expect(result.code, result.stderr).toBe(0);
    expect((await entry(dir, 'new-passage')).text).toBe('לפני {{date}} קראו את *האמנה*, חתמו על [ההתחייבות](https://example.org/pledge) והריצו `broadside build`.');
  });

  it('takes the link target and code from the source, whatever the tool wrote inside the codes', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he', '--copy-source');
    const result = await importing(
      dir,
      withTarget(xliff, 'mission-statement:new-passage', '<target xml:lang="LANG" state="needs-translation"><bpt id="1">_</bpt>א<ept id="1">_</ept> <bpt id="2">[</bpt>ב<ept id="2">](https://evil.example)</ept> <ph id="3">`rm -rf`</ph> <ph id="4">{{x}}</ph></target>'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await entry(dir, 'new-passage')).text).toBe('*א* [ב](https://example.org/pledge) `broadside build` {{date}}');
  });

  it('never takes a target equal to the English source unless it is marked final or signed off', async () => {
    const dir = await project();
    const before = await readText(join(dir, HE));
    const xliff = await exported(dir, 'he', '--copy-source');
    for (const state of ['needs-translation', 'translated']) {
      const result = await importing(dir, xliff.replace('state="needs-translation"', `state="${state}"`));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('1 left in English (target equal to the source, not marked final) were not taken');
      expect(await readText(join(dir, HE))).toBe(before);
    }
    const unit = unitXml(xliff, 'mission-statement:new-passage');
    const final = await importing(dir, xliff.replace(unit, unit.replace('state="needs-translation"', 'state="final"')));
    expect(final.code, final.stderr).toBe(0);
    expect(await entry(dir, 'new-passage')).toEqual({ source: NEW_PASSAGE, text: NEW_PASSAGE });
  });

  it.each([
    ['a lost tag', '<bpt id="1">*</bpt>א<ept id="1">*</ept> ב <ph id="3">`x`</ph> <ph id="4">{{date}}</ph>', '<2>…</2> (the link to https://example.org/pledge) of the source is missing'],
    ['a tag twice', '<bpt id="1">*</bpt>א<ept id="1">*</ept> <bpt id="2">[</bpt>ב<ept id="2">]</ept> <ph id="3">`x`</ph> <ph id="4">{{date}}</ph> <ph id="4">{{date}}</ph>', 'tag <4/> (placeholder {{date}}) appears twice'],
    ['overlapping tags', '<bpt id="1">*</bpt>א <bpt id="2">[</bpt>ב<ept id="1">*</ept><ept id="2">]</ept> <ph id="3">`x`</ph> <ph id="4">{{date}}</ph>', 'tags <2> (the link to https://example.org/pledge) and </1> (emphasis) overlap'],
    ['a tag closed before it opens', '<ept id="1">*</ept>א<bpt id="1">*</bpt> <bpt id="2">[</bpt>ב<ept id="2">]</ept> <ph id="3">`x`</ph> <ph id="4">{{date}}</ph>', 'tag </1> (emphasis) closes before it opens'],
    ['a tag the source does not have', '<bpt id="1">*</bpt>א<ept id="1">*</ept> <bpt id="2">[</bpt>ב<ept id="2">]</ept> <ph id="3">`x`</ph> <ph id="4">{{date}}</ph> <x id="9"/>', 'tag <9/> is not in the source'],
    ['Markdown typed without its code (a translated code span)', 'א *ב* [ג](https://example.org/pledge) `בנה` {{date}}', 'missing: code `broadside build`'],
    ['a translated placeholder', 'א *ב* [ג](https://example.org/pledge) `broadside build` {{תאריך}}', 'missing: placeholder {{date}}'],
    ['a broken link', 'א *ב* [ג](https://example.org/other) `broadside build` {{date}}', 'missing: the link to https://example.org/pledge'],
    ['lost emphasis', 'א ב [ג](https://example.org/pledge) `broadside build` {{date}}', 'missing: emphasis'],
  ])('refuses %s, naming the unit, and writes nothing', async (_, target, message) => {
    const dir = await project();
    const before = await readText(join(dir, HE));
    const xliff = await exported(dir, 'he', '--copy-source');
    const result = await importing(dir, withTarget(xliff, 'mission-statement:new-passage', `<target xml:lang="LANG" state="needs-translation">${target}</target>`));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/in\.xlf:\d+:7: unit "mission-statement:new-passage" has a translation that cannot be taken: /);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('nothing was written');
    expect(await readText(join(dir, HE))).toBe(before);
  });
});

describe('xliff import: languages', () => {
  it('refuses a file relabelled for another language, whose targets say otherwise, before it overwrites anything', async () => {
    const dir = await project();
    const before = await readText(join(dir, 'translations/es.yaml'));
    const xliff = await exported(dir, 'fr');
    const result = await importing(dir, xliff.replaceAll('target-language="fr"', 'target-language="es"'));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/in\.xlf:\d+:7: unit "mission-statement:title" has a target in "fr", but the file is for "es"/);
    expect(result.stderr).toContain('was it relabelled?');
    expect(await readText(join(dir, 'translations/es.yaml'))).toBe(before);
  });

  it('refuses a file relabelled throughout, whose translations are word for word another language\'s', async () => {
    const dir = await project();
    const before = await readText(join(dir, 'translations/es.yaml'));
    for (const version of ['1.2', '2.0']) {
      const xliff = await exported(dir, 'fr', '--version', version);
      const relabelled = xliff.replace(/(target-language|trgLang|xml:lang)="fr"/g, '$1="es"');
      expect(relabelled).not.toContain('"fr"');
      const result = await importing(dir, relabelled);
      expect(result.code, result.stderr).toBe(4);
      expect(result.stderr).toMatch(/\d+ of the \d+ translations this file brings into "es" are word for word the "fr" translations; nothing was written/);
      expect(result.stderr).toContain('relabelled "es"');
      expect(await readText(join(dir, 'translations/es.yaml'))).toBe(before);
    }
  });

  it('refuses a 2.0 target whose xml:lang contradicts trgLang', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'fr', '--version', '2.0');
    const result = await importing(dir, xliff.replace('trgLang="fr"', 'trgLang="es"'));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('has a target in "fr", but the file is for "es"');
  });
});

describe('xliff import: characters, line ends, nesting and size', () => {
  it.each([
    ['a reference to a lone surrogate', '&#xD800;', '&#xD800; stands for U+D800, which XML does not allow'],
    ['a decimal reference to U+FFFE', '&#65534;', '&#65534; stands for U+FFFE, which XML does not allow'],
    ['U+FFFE written out', '\uFFFE', 'the character U+FFFE is not allowed in XML'],
    ['a control character', '\u0001', 'control character U+0001 is not allowed'],
    ['a <cp> for U+FFFF', '<cp hex="FFFF"/>', 'is not a character a translation may hold'],
  ])('refuses %s with exit 4 and its position', async (_, text, message) => {
    const dir = await project();
    const before = await readText(join(dir, HE));
    const xliff = await exported(dir, 'he', '--version', text.startsWith('<cp') ? '2.0' : '1.2');
    const changed = text.startsWith('<cp') ? xliff.replace(/(<unit id="mission-statement:title"[\s\S]*?<target xml:lang="he">)/, `$1${text}`) : withTarget(xliff, 'mission-statement:title', `<target xml:lang="LANG" state="translated">הצהרה${text}</target>`);
    const result = await importing(dir, changed);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: in\.xlf:\d+:\d+: /);
    expect(result.stderr).toContain(message);
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it.each([
    ['an escape character as a Markdown character reference', '&amp;#x1b;', 'U+001B'],
    ['a delete character as a Markdown character reference', '&amp;#127;', 'U+007F'],
  ])('refuses %s, decoded as the model reads it, naming the unit in the XLIFF file', async (_, text, code) => {
    const dir = await project();
    const before = await readText(join(dir, HE));
    const xliff = await exported(dir, 'he');
    const result = await importing(dir, withTarget(xliff, 'mission-statement:title', `<target xml:lang="LANG" state="translated">הצהרה${text} שלנו</target>`));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: in\.xlf:\d+:\d+: 1 unit\(s\) cannot be imported/);
    expect(result.stderr).toContain(`unit "mission-statement:title" has a translation that cannot be taken: it holds an invisible character (control character ${code}`);
    expect(result.stderr).toContain('correct those translations in your tool');
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it.each([
    ['an XML character reference', '&#x202E;'],
    ['a Markdown character reference', '&amp;#x202E;'],
  ])('finds a direction control written as %s with the translation checks, and with --strict writes nothing', async (_, text) => {
    const dir = await project();
    const before = await readText(join(dir, HE));
    const xliff = withTarget(await exported(dir, 'he'), 'mission-statement:title', `<target xml:lang="LANG" state="translated">הצהרת ${text}הייעוד</target>`);
    const strict = await importing(dir, xliff, '--strict');
    expect(strict.code).toBe(6);
    expect(strict.stdout).toMatch(/translations\/he\.yaml:\d+:\d+: error \[bidi-controls\] he mission-statement\/title: U\+202E \(right-to-left override\) is never closed/);
    expect(await readText(join(dir, HE))).toBe(before);
  });

  it('writes no CR into the translation file, whether written, as CR LF or as &#13;', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he');
    const result = await importing(dir, withTarget(xliff, 'mission-statement:title', '<target xml:lang="LANG" state="translated">הצהרת&#13;הייעוד\r\nשלנו\rהיום</target>').replace(/\n/g, '\r\n'));
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(dir, HE), 'utf8')).not.toContain('\r');
    expect((await entry(dir, 'title')).text).toBe('הצהרת הייעוד שלנו היום');
  });

  it('refuses 100,000 nested inline elements with a clear message, not a stack overflow', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he');
    const deep = `${'<g id="1">'.repeat(100_000)}x${'</g>'.repeat(100_000)}`;
    const result = await importing(dir, withTarget(xliff, 'mission-statement:title', `<target xml:lang="LANG" state="translated">${deep}</target>`));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('XML syntax error: elements are nested more than 100 deep');
    expect(result.stderr).not.toContain('Maximum call stack');
  });

  it('refuses a file over 32 MB without reading it', async () => {
    const dir = await project();
    const handle = await open(join(dir, 'in.xlf'), 'w');
    await handle.truncate(33 * 1024 * 1024);
    await handle.close();
    const result = await runCli(['xliff', 'import', 'in.xlf'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('in.xlf is 33 MB; Broadside reads XLIFF files of up to 32 MB');
  });

  it('imports a 30 MB file within a heap of 12 times its size (memory grows linearly, not 30-fold)', async () => {
    const dir = await project();
    const xliff = await exported(dir, 'he');
    const note = '<note from="developer">הערה ארוכה של מתרגם, עם טקסט כדי למלא את הקובץ &amp; עוד.</note>\n';
    const notes = note.repeat(Math.ceil((30 * 1024 * 1024) / Buffer.byteLength(note)));
    const big = withTarget(xliff, 'mission-statement:title', '<target xml:lang="LANG" state="translated">הצהרת הייעוד שלנו</target>').replace('<note from="developer">key: title</note>', `${notes}<note from="developer">key: title</note>`);
    await writeFile(join(dir, 'in.xlf'), big);
    const bytes = Buffer.byteLength(big);
    expect(bytes).toBeGreaterThan(30 * 1024 * 1024);
    const limit = Math.round((12 * bytes) / 1024 / 1024);
    const result = await spawnCli(['xliff', 'import', 'in.xlf'], dir, { NODE_OPTIONS: `--max-old-space-size=${limit}` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('1 translation(s) imported');
  }, 300_000);
});

describe('xliff import: translation checks', () => {
  it('prints the checks’ findings on the units it brings in, and with --strict refuses the whole file on an error', async () => {
    const dir = await project();
    const before = await readText(join(dir, FR));
    let xliff = await exported(dir, 'fr');
    xliff = withTarget(xliff, 'mission-statement:title', '<target xml:lang="LANG" state="translated">Déclaration de mission 2021</target>', 'fr');
    xliff = withTarget(xliff, 'interface:downloadText', '<target xml:lang="LANG" state="translated">Texte brut seul</target>', 'fr');
    const strict = await importing(dir, xliff, '--strict');
    expect(strict.code).toBe(6);
    expect(strict.stdout).toMatch(/translations\/fr\.yaml:\d+:\d+: error \[numbers\] fr mission-statement\/title: /);
    expect(strict.stderr).toContain('--strict: the translation check found 1 error(s) in the units of in.xlf; nothing was written');
    expect(await readText(join(dir, FR))).toBe(before);

    const plain = await importing(dir, xliff);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('error [numbers] fr mission-statement/title');
    expect(plain.stdout).not.toContain('who-we-are');
    expect(plain.stdout).toContain('translations/fr.yaml: 2 translation(s) imported');
    expect((await entry(dir, 'title', FR)).text).toBe('Déclaration de mission 2021');
  });
});
