import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CHECK_IDS } from '../src/checks/catalog.js';
import { makeProject, REPO, runCli, tempDir } from './helpers.js';

const FIXTURE = join(REPO, 'test/fixtures/broken-translations');

/** A copy of the broken fixture with `config` appended to its broadside.yaml. */
async function fixtureWith(config: string): Promise<string> {
  const dir = await tempDir('check');
  await cp(FIXTURE, dir, { recursive: true });
  await writeFile(join(dir, 'broadside.yaml'), `${await readFile(join(dir, 'broadside.yaml'), 'utf8')}${config}`);
  return dir;
}

interface JsonFinding {
  check: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  lang: string;
  statement: string | null;
  key: string;
  message: string;
}

describe('broadside check on the shipped project', () => {
  it('finds nothing and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['check'], REPO);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'No problems found (he, ar, es, fr).\n', stderr: '' });
  });
});

describe('broadside check on broken translations', () => {
  it('lists findings as file:line:column with severity, check, language and key, and exits 6', async () => {
    const { code, stdout, stderr } = await runCli(['check'], FIXTURE);
    expect(code).toBe(6);
    expect(stdout).toMatch(/^translations\/he\.yaml:\d+:13: error \[markup-links\] he broken\/links: links differ: /m);
    expect(stdout).toMatch(/^translations\/he\.yaml:\d+:11: error \[placeholders\] he interface\.published: /m);
    expect(stdout).toMatch(/^9 errors, 80 warnings \(he, ar, es, fr\)\.$/m);
    expect(stderr).toBe('error: the translation check found 9 errors\nHow to fix: fix them as each message says; if a check does not suit your project, set it to `warning` or `off` under `checks:` in broadside.yaml.\n');
  });

  it('gives the same as JSON, with a schema version', async () => {
    const { code, stdout } = await runCli(['check', '--format', 'json'], FIXTURE);
    expect(code).toBe(6);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schemaVersion: 1, languages: ['he', 'ar', 'es', 'fr'], errors: 9, warnings: 80 });
    const links = report.findings.find((f: JsonFinding) => f.check === 'markup-links');
    expect(Object.keys(links)).toEqual(['check', 'severity', 'file', 'line', 'column', 'lang', 'statement', 'key', 'message']);
    expect(links).toMatchObject({ severity: 'error', file: 'translations/he.yaml', column: 13, lang: 'he', statement: 'broken', key: 'links' });
    expect(report.findings.find((f: JsonFinding) => f.key === 'interface.published').statement).toBeNull();
  });

  it('prints GitHub workflow annotations with --format github', async () => {
    const { code, stdout } = await runCli(['check', '--format', 'github', '--lang', 'he'], FIXTURE);
    expect(code).toBe(6);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=translations\/he\.yaml,line=\d+,col=\d+,title=[a-z-]+ \(he [^)]+\)::\S/);
    expect(lines.some((l) => /^::error file=translations\/he\.yaml,line=\d+,col=13,title=numbers \(he broken\/numbers\)::numbers differ/.test(l))).toBe(true);
  });

  it('checks only the languages asked for', async () => {
    const { code, stdout } = await runCli(['check', 'broken', '--lang', 'es', '--format', 'json'], FIXTURE);
    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(new Set(report.findings.map((f: JsonFinding) => f.lang))).toEqual(new Set(['es']));
    expect(report.findings.filter((f: JsonFinding) => f.check !== 'missing').map((f: JsonFinding) => `${f.key} ${f.check}`)).toEqual([
      'plain identical',
      'exclamation punctuation-inverted',
    ]);
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await runCli(['check', '--format', 'xml'], FIXTURE);
    expect(code).toBe(2);
    expect(stderr).toContain('Allowed choices are text, json, github');
  });
});

describe('check severities from the configuration', () => {
  it('turns a check into a warning or off', async () => {
    const dir = await fixtureWith('checks:\n  numbers: warning\n  markup-links: off\n  empty: error\n');
    const { stdout } = await runCli(['check', '--format', 'json', '--lang', 'he'], dir);
    const findings: JsonFinding[] = JSON.parse(stdout).findings;
    expect(findings.find((f) => f.check === 'numbers')?.severity).toBe('warning');
    expect(findings.find((f) => f.check === 'empty')?.severity).toBe('error');
    expect(findings.some((f) => f.check === 'markup-links')).toBe(false);
  });

  it('lets a project accept what it decides is not an error', async () => {
    const dir = await makeProject();
    const he = join(dir, 'translations/he.yaml');
    await writeFile(he, (await readFile(he, 'utf8')).replace('הצהרת ייעוד', 'הצהרת ייעוד 2020'));
    expect((await runCli(['check'], dir)).code).toBe(6);
    await writeFile(join(dir, 'broadside.yaml'), `${await readFile(join(dir, 'broadside.yaml'), 'utf8')}checks:\n  numbers: warning\n`);
    const { code, stdout } = await runCli(['check'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^translations\/he\.yaml:\d+:\d+: warning \[numbers\] he mission-statement\/title: numbers differ \(not in the English: 2020\)/m);
  });

  it('rejects an unknown check id and lists the real ones', async () => {
    const dir = await fixtureWith('checks:\n  number: warning\n');
    const { code, stderr } = await runCli(['check'], dir);
    expect(code).toBe(3);
    expect(stderr).toContain(`"number" is not a check; the checks are: ${CHECK_IDS.join(', ')}`);
    expect(stderr).toMatch(/broadside\.yaml:\d+:\d+/);
  });

  it('rejects a setting other than error, warning or off', async () => {
    const dir = await fixtureWith('checks:\n  numbers: fatal\n');
    const { code, stderr } = await runCli(['check'], dir);
    expect(code).toBe(3);
    expect(stderr).toContain('must be one of: error, warning, off');
  });
});

describe('checks set aside for one entry (ignore:)', () => {
  const withEntry = async (ignore: string): Promise<string> => {
    const dir = await fixtureWith('');
    const file = join(dir, 'translations/es.yaml');
    const yaml = await readFile(file, 'utf8');
    const marked = yaml.replace('    plain: # identical\n', `    plain: # identical\n      ignore: ${ignore}\n`);
    expect(marked).not.toBe(yaml);
    await writeFile(file, marked);
    return dir;
  };
  const findingsOf = async (dir: string): Promise<JsonFinding[]> => JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout).findings;

  it('drops that check’s finding for that entry only', async () => {
    const before = await findingsOf(await fixtureWith(''));
    expect(before).toContainEqual(expect.objectContaining({ check: 'identical', lang: 'es', key: 'plain' }));
    const after = await findingsOf(await withEntry('[identical]'));
    expect(after).not.toContainEqual(expect.objectContaining({ check: 'identical', lang: 'es', key: 'plain' }));
    const what = ({ check, lang, key, message }: JsonFinding): string => `${lang} ${key} ${check} ${message}`;
    expect(after.map(what)).toEqual(before.filter((f) => !(f.check === 'identical' && f.lang === 'es' && f.key === 'plain')).map(what));
  });

  it('refuses checks about an entry’s state, and unknown ones, at the place, listing those that can be set aside', async () => {
    for (const ignore of ['[stale]', '[identicall]']) {
      const { code, stderr } = await runCli(['check'], await withEntry(ignore));
      expect(code).toBe(4);
      expect(stderr).toMatch(/^error: translations\/es\.yaml:40:\d+: .*statements\.broken\.plain\.ignore\.0`: must list checks to set aside for this entry, from: identical, markup-links/);
      expect(stderr).not.toMatch(/from: [^\n]*\bstale\b/);
    }
  });

  it('is kept by broadside sync', async () => {
    const dir = await withEntry('[identical]');
    expect((await runCli(['sync'], dir)).code).toBe(0);
    expect(parseYaml(await readFile(join(dir, 'translations/es.yaml'), 'utf8')).statements.broken.plain.ignore).toEqual(['identical']);
  });
});
