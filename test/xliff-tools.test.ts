/**
 * The XLIFF exports as translators' real tools see them: OmegaT 3.6 in console mode,
 * translate-toolkit (pocount, xliff2po, pomerge) and xmllint against the OASIS schemas. Nothing
 * is skipped: a missing tool fails the test and says to run .ci/run, which installs them.
 */
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, readText, REPO, runCli } from './helpers.js';

const run = promisify(execFile);
const OMEGAT_JAR = '/usr/share/omegat/OmegaT.jar';
const SCHEMAS = join(REPO, 'test/fixtures/xliff-schemas');
const LANGS = ['fr', 'he', 'ar'] as const;
type Lang = (typeof LANGS)[number];

const NEW_PASSAGE = 'Read *our charter*, sign the [pledge](https://example.org/pledge "The pledge") and run `broadside build` before {{date}}.';
const STALE_SOURCE = 'We firmly support movements';

/** The edits a translator makes, per language: the new passage (tags moved where the language needs them), the stale one, and the title. */
const EDITS: Record<Lang, { passage: (tag: (n: number, close?: boolean) => string) => string; passageMarkdown: string; stale?: string; title: string }> = {
  fr: {
    passage: (t) => `Lisez ${t(0)}notre charte${t(0, true)}, signez l’${t(1)}engagement${t(1, true)} et lancez ${t(2)} avant le ${t(3)}.`,
    passageMarkdown: 'Lisez *notre charte*, signez l’[engagement](https://example.org/pledge "The pledge") et lancez `broadside build` avant le {{date}}.',
    stale: 'Nous soutenons fermement les mouvements et les partis israéliens qui s’engagent à mettre fin à l’occupation.',
    title: 'Notre déclaration de mission',
  },
  he: {
    passage: (t) => `לפני ${t(3)} קראו את ${t(0)}האמנה שלנו${t(0, true)}, חתמו על ${t(1)}ההתחייבות${t(1, true)} והריצו ${t(2)}.`,
    passageMarkdown: 'לפני {{date}} קראו את *האמנה שלנו*, חתמו על [ההתחייבות](https://example.org/pledge "The pledge") והריצו `broadside build`.',
    stale: 'אנו תומכים בתוקף בתנועות ובמפלגות בישראל המחויבות לסיום הכיבוש.',
    title: 'הצהרת הייעוד שלנו',
  },
  ar: {
    passage: (t) => `قبل ${t(3)} اقرؤوا ${t(0)}ميثاقنا${t(0, true)} ووقّعوا ${t(1)}التعهد${t(1, true)} وشغّلوا ${t(2)}.`,
    passageMarkdown: 'قبل {{date}} اقرؤوا *ميثاقنا* ووقّعوا [التعهد](https://example.org/pledge "The pledge") وشغّلوا `broadside build`.',
    // Arabic leaves the stale passage as OmegaT showed it (the English): it must stay stale.
    title: 'بيان مهمتنا',
  },
};

type Entries = Record<string, { source: string; text: string; newSource?: string }>;
interface TranslationYaml {
  interface: Entries;
  statements: Record<string, Entries>;
}

const tools: Array<[string, () => Promise<unknown>]> = [
  ['java and OmegaT (Debian package omegat)', () => access(OMEGAT_JAR).then(() => run('java', ['-version']))],
  ['pocount, xliff2po and pomerge (Debian package translate-toolkit)', () => Promise.all(['pocount', 'xliff2po', 'pomerge'].map((tool) => run('sh', ['-c', `command -v ${tool}`])))],
  ['xmllint (Debian package libxml2-utils)', () => run('xmllint', ['--version'])],
];

let work: string;
const projects: string[] = [];

beforeAll(async () => {
  for (const [name, probe] of tools) {
    await probe().catch(() => {
      throw new Error(`${name} is not installed; run .ci/run, which installs what the tests need with apt-get`);
    });
  }
  work = await mkdtemp(join(tmpdir(), 'broadside-tools-'));
}, 60_000);

afterAll(async () => {
  await Promise.all([work, ...projects].filter((path) => path !== undefined).map((path) => rm(path, { recursive: true, force: true })));
});

/** The shipped project with one passage changed since it was translated (stale) and one new passage with emphasis, a link, code and a placeholder. */
async function changedProject(): Promise<string> {
  const dir = await makeProject();
  projects.push(dir);
  const statement = join(dir, 'statements/mission-statement.md');
  const md = await readText(statement);
  await writeFile(
    statement,
    md.replace('We support movements', STALE_SOURCE).replace('Palestine. <!-- #working-together -->', `Palestine. <!-- #working-together -->\n\n${NEW_PASSAGE} <!-- #new-passage -->`),
  );
  expect((await runCli(['sync'], dir)).code).toBe(0);
  return dir;
}

let dir: string;

async function exportTo(lang: string, path: string, ...flags: string[]): Promise<string> {
  const result = await runCli(['xliff', 'export', lang, ...flags, '--out', path], dir);
  expect(result.code, result.stderr).toBe(0);
  return readText(path);
}

async function translations(lang: string): Promise<TranslationYaml> {
  return parse(await readText(join(dir, `translations/${lang}.yaml`))) as TranslationYaml;
}

/** Every entry of the translation file but the ones named, to show nothing else changed. */
function others(file: TranslationYaml, changed: string[]): unknown {
  const statements = Object.fromEntries(Object.entries(file.statements['mission-statement']!).filter(([key]) => !changed.includes(key)));
  return { interface: file.interface, statements };
}

const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('the exports against the OASIS schemas (xmllint)', () => {
  beforeAll(async () => {
    dir = await changedProject();
  });

  it('validates every 1.2 export against the 1.2 strict schema and every 2.0 export against the 2.0 core schema', async () => {
    const schemas = join(work, 'schemas');
    await mkdir(schemas, { recursive: true });
    await copyFile(join(SCHEMAS, 'xml.xsd'), join(schemas, 'xml.xsd'));
    const local = async (name: string, from: string): Promise<string> => {
      const path = join(schemas, name);
      await writeFile(path, (await readFile(join(SCHEMAS, name), 'utf8')).replace(from, 'xml.xsd'));
      return path;
    };
    const strict12 = await local('xliff-core-1.2-strict.xsd', 'http://www.w3.org/2001/xml.xsd');
    const core20 = await local('xliff-core-2.0.xsd', 'informativeCopiesOf3rdPartySchemas/w3c/xml.xsd');
    const files: Record<'1.2' | '2.0', string[]> = { '1.2': [], '2.0': [] };
    for (const lang of LANGS) {
      for (const version of ['1.2', '2.0'] as const) {
        for (const copy of [[], ['--copy-source']]) {
          const path = join(work, `${lang}-${version}${copy.length ? '-copy' : ''}.xlf`);
          const xliff = await exportTo(lang, path, '--version', version, ...copy);
          expect(xliff).toContain(version === '1.2' ? '<bpt id="1" ctype="italic">*</bpt>our charter<ept id="1">*</ept>' : '<pc id="1"');
          files[version].push(path);
        }
      }
    }
    for (const [version, schema] of [['1.2', strict12], ['2.0', core20]] as const) {
      const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', schema, ...files[version]]);
      for (const file of files[version]) expect(stderr).toContain(`${file} validates`);
    }
  });
});

/**
 * One OmegaT project per language, reused for every step. The JVM is kept small and on one core:
 * the machine running the tests is shared.
 */
async function omegat(project: string, mode: string, ...args: string[]): Promise<void> {
  await run(
    'java',
    ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:ActiveProcessorCount=1', '-Djava.awt.headless=true', `-Duser.home=${join(project, '..', 'home')}`, '-jar', OMEGAT_JAR, project, `--config-dir=${join(project, '..', 'config')}`, '--disable-project-locking', '--no-team', `--mode=${mode}`, ...args],
    { maxBuffer: 16 << 20 },
  );
}

async function omegatProject(lang: Lang): Promise<string> {
  const root = join(work, `omegat-${lang}`);
  const project = join(root, 'project');
  for (const sub of ['source', 'target', 'tm', 'omegat', 'glossary', 'dictionary']) await mkdir(join(project, sub), { recursive: true });
  await mkdir(join(root, 'home'), { recursive: true });
  await mkdir(join(root, 'config'), { recursive: true });
  const tokenizer = { fr: 'LuceneFrenchTokenizer', he: 'LuceneHebrewTokenizer', ar: 'LuceneArabicTokenizer' }[lang];
  await writeFile(
    join(project, 'omegat.project'),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en</source_lang>
        <target_lang>${lang}</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.${tokenizer}</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
`,
  );
  return project;
}

/** The segments OmegaT made of the project's files, as it shows them (tags as <f0>, <b2/>), read from its pseudo-translation TMX. */
async function omegatSegments(project: string): Promise<string[]> {
  const tmx = join(project, '..', 'segments.tmx');
  await omegat(project, 'console-createpseudotranslatetmx', `--pseudotranslatetmx=${tmx}`, '--pseudotranslatetype=equal');
  const xml = await readText(tmx);
  return [...xml.matchAll(/<tuv lang="en">\s*<seg>([\s\S]*?)<\/seg>/g)].map((m) => unescapeXml(m[1]!));
}

const unescapeXml = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** OmegaT's project memory with the given translations: what a translator's work in OmegaT is saved as. */
function projectSave(lang: string, pairs: Array<[string, string]>): string {
  const units = pairs.map(([source, target]) => `    <tu>\n      <tuv lang="en">\n        <seg>${escapeXml(source)}</seg>\n      </tuv>\n      <tuv lang="${lang}">\n        <seg>${escapeXml(target)}</seg>\n      </tuv>\n    </tu>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n<tmx version="1.4">\n  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0_10" segtype="paragraph" srclang="en"/>\n  <body>\n${units.join('\n')}\n  </body>\n</tmx>\n`;
}

let omegatDir: string | undefined;
let ttDir: string | undefined;

describe.each(LANGS)('OmegaT 3.6 with an export made with --copy-source (%s)', (lang) => {
  let project: string;
  let segments: string[];
  let before: TranslationYaml;

  beforeAll(async () => {
    dir = omegatDir ??= await changedProject();
    project = await omegatProject(lang);
    await exportTo(lang, join(project, 'source', `${lang}.xlf`), '--copy-source');
    segments = await omegatSegments(project);
    before = await translations(lang);
  }, 120_000);

  it('makes every passage a segment: new and stale ones with the current English, inline codes as tags, no Markdown to break', async () => {
    const file = before.statements['mission-statement']!;
    const passage = segments.find((s) => s.startsWith('Read '));
    expect(passage).toMatch(/^Read <(\w\d+)>our charter<\/\1>, sign the <(\w\d+)>pledge<\/\2> and run <\w\d+\/> before <\w\d+\/>\.$/);
    expect(passage).not.toMatch(/[*`[\]{}]|https:/);
    const stale = file['peace-and-self-determination']!;
    expect(stale.newSource).toMatch(new RegExp(`^${STALE_SOURCE}`));
    expect(segments).toContain(stale.newSource);
    expect(segments).not.toContain(stale.text);
    for (const [key, entry] of Object.entries(file)) if (key !== 'new-passage' && key !== 'peace-and-self-determination') expect(segments, key).toContain(entry.text);
    // One segment per passage and per interface string (OmegaT keeps a leading or closing tag out of the segment).
    expect(Object.keys(file)).toContain('new-passage');
    expect(segments).toHaveLength(Object.keys(file).length + Object.keys(before.interface).length);
  });

  it('brings back exactly the translator’s edits, with the tags in their new places, and leaves the rest as it was', async () => {
    const passage = segments.find((s) => s.startsWith('Read '))!;
    const tags = [...passage.matchAll(/<(\w\d+)\/?>/g)].map((m) => m[1]!);
    const tag = (n: number, close = false): string => (n < 2 ? `<${close ? '/' : ''}${tags[n]}>` : `<${tags[n]}/>`);
    const edits = EDITS[lang];
    const title = before.statements['mission-statement']!.title!.text;
    const pairs: Array<[string, string]> = [
      [passage, edits.passage(tag)],
      [title, edits.title],
    ];
    const stale = before.statements['mission-statement']!['peace-and-self-determination']!;
    if (edits.stale) pairs.push([stale.newSource!, edits.stale]);
    await writeFile(join(project, 'omegat', 'project_save.tmx'), projectSave(lang, pairs));
    await omegat(project, 'console-translate');
    const returned = join(project, 'target', `${lang}.xlf`);
    const result = await runCli(['xliff', 'import', returned], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${edits.stale ? 3 : 2} translation(s) imported`);
    if (!edits.stale) expect(result.stdout).toContain('1 left in English');

    const after = await translations(lang);
    const changed = ['new-passage', 'title', ...(edits.stale ? ['peace-and-self-determination'] : [])];
    expect(others(after, changed)).toEqual(others(before, changed));
    const statement = after.statements['mission-statement']!;
    expect(statement['new-passage']).toEqual({ source: NEW_PASSAGE, text: edits.passageMarkdown });
    expect(statement.title).toEqual({ source: 'Mission Statement', text: edits.title });
    if (edits.stale) expect(statement['peace-and-self-determination']).toEqual({ source: stale.newSource, text: edits.stale });
    else expect(statement['peace-and-self-determination']).toEqual(stale);
    expect((await runCli(['sync', '--check'], dir)).code).toBe(0);
  }, 120_000);
});

describe.each(LANGS)('translate-toolkit with a plain export (%s)', (lang) => {
  beforeAll(async () => {
    if (!ttDir) {
      ttDir = await changedProject();
      // A translator's note on one entry, which 1.2 exports as from="translator".
      for (const code of LANGS) {
        const path = join(ttDir, `translations/${code}.yaml`);
        await writeFile(path, (await readText(path)).replace(/(\n  languageName:\n    source: English\n    text: .*\n)/, '$1    note: the name of the language in itself\n'));
      }
    }
    dir = ttDir;
  });

  it('counts translated, fuzzy and untranslated units as `broadside status` counts translated, stale and missing', async () => {
    const xliff = join(work, `tt-count-${lang}.xlf`);
    await exportTo(lang, xliff);
    const status = JSON.parse((await runCli(['status', '--json', '--lang', lang], dir)).stdout) as {
      statements: Array<{ languages: Array<{ segments: Record<string, number>; interface: Record<string, number> }> }>;
    };
    const { segments, interface: strings } = status.statements[0]!.languages[0]!;
    const { stdout } = await run('pocount', ['--short', '--no-color', xliff]);
    const counts = /total: (\d+)\s*\|\s*(\d+)t\s+(\d+)f\s+(\d+)u/.exec(stripAnsi(stdout));
    expect(counts, stdout).not.toBeNull();
    const [, total, translated, fuzzy, untranslated] = counts!.map(Number);
    expect({ total, translated, fuzzy, untranslated }).toEqual({
      total: segments.total! + strings.total!,
      translated: segments.translated! + strings.translated!,
      fuzzy: segments.stale! + strings.stale!,
      untranslated: segments.missing! + strings.missing!,
    });
    expect(fuzzy).toBe(1);
    expect(untranslated).toBe(1);
  });

  it('keeps Broadside’s notes through xliff2po, and brings back exactly the edits made in the PO file through pomerge -t', async () => {
    const xliff = join(work, `tt-${lang}.xlf`);
    const po = join(work, `tt-${lang}.po`);
    const merged = join(work, `tt-${lang}-merged.xlf`);
    await exportTo(lang, xliff);
    await run('xliff2po', [xliff, po]);
    let text = await readText(po);
    expect(text).toContain('#. key: new-passage');
    expect(text).toContain('#. links: tag 2 goes to https://example.org/pledge');
    expect(text).toContain('#. out of date; the translation was made from this English: We support movements');
    expect(text).toMatch(/^# note: the name of the language in itself\n(#\. .*\n)*#: interface:languageName$/m);

    const before = await translations(lang);
    const stale = before.statements['mission-statement']!['peace-and-self-determination']!;
    const edits: Record<string, string> = { 'mission-statement:new-passage': EDITS[lang].passageMarkdown, 'mission-statement:title': `${EDITS[lang].title} (PO)` };
    if (lang !== 'ar') edits['mission-statement:peace-and-self-determination'] = `${stale.text} (PO)`;
    text = text
      .split('\n\n')
      .map((entry) => {
        const id = /^#: (\S+)$/m.exec(entry)?.[1];
        if (!id || !(id in edits)) return entry;
        return entry.replace(/^#, fuzzy\n/m, '').replace(/^msgstr [\s\S]*$/m, `msgstr ${JSON.stringify(edits[id])}`);
      })
      .join('\n\n');
    await writeFile(po, text);
    await run('pomerge', ['-t', xliff, '-i', po, '-o', merged]);

    const result = await runCli(['xliff', 'import', merged], dir);
    expect(result.code, result.stderr).toBe(0);
    const after = await translations(lang);
    const changed = Object.keys(edits).map((id) => id.slice(id.indexOf(':') + 1));
    expect(others(after, changed)).toEqual(others(before, changed));
    const statement = after.statements['mission-statement']!;
    expect(statement['new-passage']).toEqual({ source: NEW_PASSAGE, text: EDITS[lang].passageMarkdown });
    expect(statement.title!.text).toBe(`${EDITS[lang].title} (PO)`);
    if (lang !== 'ar') expect(statement['peace-and-self-determination']).toEqual({ source: stale.newSource ?? stale.source, text: `${stale.text} (PO)` });
    else expect(statement['peace-and-self-determination']).toEqual(stale);
  });
});
