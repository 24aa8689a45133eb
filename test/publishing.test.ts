import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseShard, shardOf } from '../src/plan/shard.js';
import { plannedArtifacts } from '../src/plan/artifacts.js';
import { makeProject, readText, REPO, runCli, spawnCli, tempDir } from './helpers.js';

/** Every test here writes HTML and text only: no browser. */
const TEXT = ['--format', 'html,txt'];
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const readJson = async (path: string): Promise<any> => JSON.parse(await readFile(path, 'utf8'));

let project: string;
let manifest: any;

beforeAll(async () => {
  project = await makeProject();
  const result = await runCli(['build', ...TEXT], project);
  expect(result.code).toBe(0);
  manifest = await readJson(join(project, 'dist/manifest.json'));
});

describe('dist/manifest.json', () => {
  it('lists every artifact with its statement, language, format, size and SHA-256', async () => {
    expect(manifest.artifacts.map((a: any) => a.path)).toEqual([
      'mission-statement/ar/index.html',
      'mission-statement/ar/mission-statement.ar.txt',
      'mission-statement/en-es/index.html',
      'mission-statement/en/index.html',
      'mission-statement/en/mission-statement.en.txt',
      'mission-statement/es/index.html',
      'mission-statement/es/mission-statement.es.txt',
      'mission-statement/fr/index.html',
      'mission-statement/fr/mission-statement.fr.txt',
      'mission-statement/he-ar-en/index.html',
      'mission-statement/he/index.html',
      'mission-statement/he/mission-statement.he.txt',
    ]);
    for (const artifact of manifest.artifacts) {
      const data = await readFile(join(project, 'dist', artifact.path));
      expect(Object.keys(artifact)).toEqual(['path', 'statement', 'lang', 'format', 'bytes', 'sha256', 'key', ...(artifact.lang.includes('-') ? ['languages'] : [])]);
      expect(artifact).toMatchObject({ statement: 'mission-statement', bytes: data.length, sha256: sha256(data) });
      expect(artifact.path).toContain(`/${artifact.lang}/`);
      expect(artifact.key).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('lists the shared files too, so that every file of the output is accounted for', async () => {
    const paths = manifest.files.map((f: any) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['index.html', 'assets/broadside.css', 'assets/fonts.css', 'mission-statement/he/print.css']));
    expect(paths.some((p: string) => /^assets\/fonts\/.+\.woff2$/.test(p))).toBe(true);
    for (const file of manifest.files) expect(sha256(await readFile(join(project, 'dist', file.path)))).toBe(file.sha256);
  });

  it("names the source: a hash of every input, the newest statement's date and Broadside's version", async () => {
    const pkg = await readJson(join(REPO, 'package.json'));
    expect(Object.keys(manifest)).toEqual(['schemaVersion', 'broadside', 'source', 'artifacts', 'files']);
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.broadside).toBe(pkg.version);
    expect(manifest.source.commit).toBeNull(); // not a git repository
    expect(manifest.source.date).toBe('2020-02-11T00:00:00.000Z');
    const inputs = manifest.source.inputs.map((i: any) => `${i.origin}:${i.path}`);
    expect(inputs).toEqual(
      expect.arrayContaining(['project:broadside.yaml', 'project:statements/mission-statement.md', 'project:translations/he.yaml', 'broadside:templates/page.html', 'broadside:templates/strings.yaml']),
    );
    const he = manifest.source.inputs.find((i: any) => i.path === 'translations/he.yaml');
    expect(he.sha256).toBe(sha256(await readFile(join(project, 'translations/he.yaml'))));
  });

  it('records the git commit when the project is in a repository', async () => {
    const repo = await makeProject();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'statements');
    expect((await runCli(['build', ...TEXT], repo, { PATH: process.env.PATH })).code).toBe(0);
    expect((await readJson(join(repo, 'dist/manifest.json'))).source.commit).toBe(git('rev-parse', 'HEAD').trim());
  });

  it('has the same bytes when built again in another folder', async () => {
    const other = await makeProject();
    expect((await runCli(['build', ...TEXT], other)).code).toBe(0);
    expect(await readFile(join(other, 'dist/manifest.json'), 'utf8')).toBe(await readFile(join(project, 'dist/manifest.json'), 'utf8'));
  });
});

describe('broadside verify', () => {
  it('accepts an intact build', async () => {
    const result = await runCli(['verify'], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/OK: the \d+ files in .* match its manifest\.json/);
  });

  it('lists a changed, a missing and an extra file, and exits 10', async () => {
    const copy = await makeProject();
    expect((await runCli(['build', ...TEXT], copy)).code).toBe(0);
    const dist = join(copy, 'dist');
    await writeFile(join(dist, 'mission-statement/fr/mission-statement.fr.txt'), 'tampered\n');
    await rm(join(dist, 'assets/broadside.css'));
    await writeFile(join(dist, 'mission-statement/es/notes.txt'), 'not built by Broadside\n');
    const result = await runCli(['verify', 'dist'], copy);
    expect(result.code).toBe(10);
    expect(result.stderr).toContain('3 problem(s)');
    expect(result.stderr).toMatch(/changed: mission-statement\/fr\/mission-statement\.fr\.txt \(manifest: \d+ bytes/);
    expect(result.stderr).toContain('missing: assets/broadside.css');
    expect(result.stderr).toContain('extra: mission-statement/es/notes.txt');
  });

  it('refuses a folder without a manifest, and a manifest that points outside its folder', async () => {
    const empty = await tempDir('empty');
    expect((await runCli(['verify', empty], project)).code).toBe(10);
    await writeFile(join(empty, 'manifest.json'), JSON.stringify({ ...manifest, files: [{ path: '../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) }] }));
    const result = await runCli(['verify', empty], project);
    expect(result.code).toBe(10);
    expect(result.stderr).toContain('must be a relative path inside the folder');
  });
});

describe('broadside release', () => {
  it('packs the build as .tar.gz and .zip with SHA256SUMS, which unpack to a folder that verifies', async () => {
    const result = await runCli(['release', '--out', 'release', '--name', 'statements-v1'], project);
    expect(result.code).toBe(0);
    const release = join(project, 'release');
    const sums = await readText(join(release, 'SHA256SUMS'));
    const tgz = await readFile(join(release, 'statements-v1.tar.gz'));
    const zip = await readFile(join(release, 'statements-v1.zip'));
    expect(sums).toBe(`${sha256(tgz)}  statements-v1.tar.gz\n${sha256(zip)}  statements-v1.zip\n`);
    expect(execFileSync('sha256sum', ['--check', 'SHA256SUMS'], { cwd: release, encoding: 'utf8' })).toContain('statements-v1.zip: OK');

    const unpacked = await tempDir('unpacked');
    execFileSync('tar', ['-xzf', join(release, 'statements-v1.tar.gz'), '-C', unpacked]);
    expect((await runCli(['verify', join(unpacked, 'statements-v1')], project)).code).toBe(0);
    // Owner and group 0 without names, fixed modes, one date for all.
    const listing = execFileSync('tar', ['--numeric-owner', '-tvzf', join(release, 'statements-v1.tar.gz')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).trim().split('\n');
    for (const line of listing) expect(line).toMatch(/^(-rw-r--r--|drwxr-xr-x) 0\/0 +\d+ 2020-02-11 00:00 statements-v1\//);

    const files = readZip(zip);
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    for (const [name, entry] of files) {
      expect(entry.time).toBe('2020-02-11T00:00:00');
      if (name.endsWith('/')) expect(entry.mode).toBe(0o40755);
      else {
        expect(entry.mode).toBe(0o100644);
        expect(sha256(entry.data)).toBe(sha256(await readFile(join(project, 'dist', name.slice('statements-v1/'.length)))));
      }
    }
  });

  it('gives the same bytes in any time zone, and takes the date from SOURCE_DATE_EPOCH when set', async () => {
    const run = async (env: NodeJS.ProcessEnv, out: string): Promise<[Buffer, Buffer]> => {
      expect((await spawnCli(['release', '--out', out], project, env)).code).toBe(0);
      return [await readFile(join(project, out, 'dist.tar.gz')), await readFile(join(project, out, 'dist.zip'))];
    };
    const [tokyo, newYork, epoch] = [await run({ TZ: 'Asia/Tokyo' }, 'r1'), await run({ TZ: 'America/New_York' }, 'r2'), await run({ SOURCE_DATE_EPOCH: '1700000000' }, 'r3')];
    expect(Buffer.compare(tokyo[0], newYork[0])).toBe(0);
    expect(Buffer.compare(tokyo[1], newYork[1])).toBe(0);
    expect(Buffer.compare(tokyo[0], epoch[0])).not.toBe(0);
    expect(readZip(epoch[1]).get('dist/index.html')!.time).toBe('2023-11-14T22:13:20');
  });

  it('refuses to pack a build that does not match its manifest', async () => {
    const copy = await makeProject();
    expect((await runCli(['build', ...TEXT], copy)).code).toBe(0);
    await writeFile(join(copy, 'dist/index.html'), 'changed');
    const result = await runCli(['release'], copy);
    expect(result.code).toBe(10);
    await expect(stat(join(copy, 'release'))).rejects.toThrow(/ENOENT/);
  });
});

describe('broadside build --json', () => {
  it('prints a summary on stdout and the human messages on stderr', async () => {
    const copy = await makeProject();
    const result = await spawnCli(['build', ...TEXT, '--json'], copy);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ schemaVersion: 1, ok: true, exitCode: 0, changed: true, shard: null, languages: ['en', 'he', 'ar', 'es', 'fr'], warnings: [], errors: [] });
    expect(summary.artifacts).toHaveLength(12);
    expect(summary.artifacts[0]).toEqual({ path: 'mission-statement/ar/index.html', statement: 'mission-statement', lang: 'ar', format: 'html', bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'built' });
    expect(Object.keys(summary.timings)).toEqual(['loadMs', 'renderMs', 'printMs', 'writeMs', 'totalMs']);
    expect(result.stderr).toBe(`Wrote 12 files to ${join(copy, 'dist')}\n`);
  });

  it('on failure still prints a summary with the exit code and the findings that failed the build', async () => {
    const copy = await makeProject({ 'translations/he.yaml': await staleHebrew() });
    const result = await spawnCli(['build', ...TEXT, '--json', '--strict'], copy);
    expect(result.code).toBe(5);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ ok: false, exitCode: 5, error: { message: '1 segment(s) are not translated or out of date' } });
    expect(summary.errors).toEqual([expect.objectContaining({ check: 'stale', severity: 'error', file: 'translations/he.yaml', line: expect.any(Number), column: expect.any(Number), lang: 'he', key: 'our-values' })]);
    expect(result.stderr).toContain('error: 1 segment(s) are not translated or out of date');
  });
});

describe('build gates', () => {
  it('publishes despite a translation check error, as a warning, but --strict fails with exit 6', async () => {
    const he = (await readText(join(REPO, 'translations/he.yaml'))).replace(/(  our-values:\n      source: >-\n(?: {8}.*\n)+      text: >-\n {8})/, '$1[קישור](https://example.org) ');
    const copy = await makeProject({ 'translations/he.yaml': he });
    const lenient = await runCli(['build', ...TEXT], copy);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/^warning: translations\/he\.yaml:\d+:\d+: .*link/m);
    const strict = await runCli(['build', ...TEXT, '--strict'], copy);
    expect(strict.code).toBe(6);
    expect(strict.stderr).toMatch(/^error: translations\/he\.yaml:\d+:\d+: .*link/m);
    expect(strict.stderr).toContain('error: 1 translation check error(s) in the selected languages');
  });
});

describe('in GitHub Actions', () => {
  it('prints findings as workflow annotations with file, line and column', async () => {
    const copy = await makeProject({ 'translations/he.yaml': await staleHebrew() });
    const result = await runCli(['build', ...TEXT], copy, { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::warning file=translations\/he\.yaml,line=\d+,col=\d+,title=broadside stale::mission-statement\/he: "our-values" is out of date/m);
    const json = await runCli(['build', ...TEXT, '--json', '--strict'], copy, { GITHUB_ACTIONS: 'true' });
    expect(json.stderr).toMatch(/^::error file=translations\/he\.yaml,line=\d+,col=\d+,/m);
    expect(JSON.parse(json.stdout).ok).toBe(false);
  });
});

describe('on a terminal', () => {
  const run = async (env: NodeJS.ProcessEnv, args: string[] = []): Promise<string> => {
    const copy = await makeProject({ 'translations/he.yaml': await staleHebrew() });
    let stderr = '';
    const code = await main(['build', ...TEXT, ...args], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s), isTTY: true }, env, cwd: () => copy });
    expect(code).toBe(0);
    return stderr;
  };

  it('shows a live progress bar and coloured warnings', async () => {
    const stderr = await run({});
    expect(stderr).toContain('\r\x1b[2K');
    expect(stderr).toMatch(/12\/12 mission-statement\/he\/mission-statement\.he\.txt/);
    expect(stderr).toContain('\x1b[33mwarning\x1b[0m');
  });

  it('prints plain lines with CI=true, no colour with NO_COLOR, and only errors with --quiet', async () => {
    const ci = await run({ CI: 'true' });
    expect(ci).not.toContain('\r');
    expect(ci).toContain('\x1b[33m');
    const noColor = await run({ NO_COLOR: '1' });
    expect(noColor).not.toMatch(/\x1b\[\d+m/);
    expect(await run({}, ['--quiet'])).toBe('');
  });
});

describe('a build of a selection', () => {
  it('keeps the rest of the output and its manifest entries', async () => {
    const copy = await makeProject();
    expect((await runCli(['build', ...TEXT], copy)).code).toBe(0);
    const full = await readJson(join(copy, 'dist/manifest.json'));
    const result = JSON.parse((await runCli(['build', '--format', 'txt', '--lang', 'fr', '--force', '--json'], copy)).stdout);
    expect(result.artifacts.filter((a: any) => a.status === 'built').map((a: any) => a.path)).toEqual(['mission-statement/fr/mission-statement.fr.txt']);
    expect(result.artifacts.filter((a: any) => a.status === 'kept')).toHaveLength(11);
    expect(await readJson(join(copy, 'dist/manifest.json'))).toEqual(full);
    expect((await runCli(['verify'], copy)).code).toBe(0);
  });
});

describe('shards', () => {
  it('split the artifacts into disjoint parts whose union is the whole list, PDFs spread evenly', () => {
    const editions = ['a', 'b', 'c'].flatMap((statement) => ['en', 'he', 'ar', 'es', 'fr'].map((lang) => ({ statement, lang })));
    const all = plannedArtifacts(editions, ['html', 'txt', 'pdf']);
    for (const count of [1, 2, 3, 4, 7, 45, 50]) {
      const parts = Array.from({ length: count }, (_, i) => shardOf(all, { index: i + 1, count }));
      const paths = parts.flatMap((p) => p.map((a) => a.path));
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths.sort()).toEqual(all.map((a) => a.path).sort());
      const pdfs = parts.map((p) => p.filter((a) => a.format === 'pdf').length);
      expect(Math.max(...pdfs) - Math.min(...pdfs)).toBeLessThanOrEqual(1);
    }
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) expect(parseShard(bad)).toBeUndefined();
  });

  it('are merged into one output that verifies and equals a build of everything', async () => {
    const copy = await makeProject();
    for (const k of [1, 2, 3]) {
      const result = await runCli(['build', ...TEXT, '--shard', `${k}/3`, '--out', `part-${k}`, '--json'], copy);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).shard).toBe(`${k}/3`);
    }
    const parts = await Promise.all([1, 2, 3].map((k) => readJson(join(copy, `part-${k}/manifest.json`))));
    const paths = parts.flatMap((m) => m.artifacts.map((a: any) => a.path));
    expect(new Set(paths).size).toBe(12);
    expect(paths).toHaveLength(12);

    const merged = await runCli(['merge', 'part-1', 'part-2', 'part-3', '--out', 'dist'], copy);
    expect(merged.code).toBe(0);
    expect((await runCli(['verify', 'dist'], copy)).code).toBe(0);
    expect(await readText(join(copy, 'dist/manifest.json'))).toBe(await readText(join(project, 'dist/manifest.json')));
    expect(await readText(join(copy, 'dist/index.html'))).toBe(await readText(join(project, 'dist/index.html')));
  });

  it('that overlap with different content, or come from different sources, are refused (exit 11)', async () => {
    const copy = await makeProject();
    expect((await runCli(['build', ...TEXT, '--out', 'a'], copy)).code).toBe(0);
    expect((await runCli(['build', '--format', 'html', '--out', 'b'], copy)).code).toBe(0);
    const overlap = await runCli(['merge', 'a', 'b'], copy);
    expect(overlap.code).toBe(11);
    expect(overlap.stderr).toMatch(/error: \S+ differs between/);
    expect((await runCli(['build', ...TEXT, '--shard', '1/2', '--out', 'a'], copy)).code).toBe(0);

    await writeFile(join(copy, 'translations/fr.yaml'), `${await readText(join(copy, 'translations/fr.yaml'))}\n`);
    expect((await runCli(['build', ...TEXT, '--shard', '2/2', '--out', 'c'], copy)).code).toBe(0);
    const sources = await runCli(['merge', 'a', 'c'], copy);
    expect(sources.code).toBe(11);
    expect(sources.stderr).toContain('were not built from the same source');
  });

  it('are merged only all together, each once, all split alike from one selection (exit 11)', async () => {
    const copy = await makeProject();
    const build = async (shard: string, out: string, format = TEXT): Promise<void> => expect((await runCli(['build', ...format, '--shard', shard, '--out', out], copy)).code).toBe(0);
    await build('1/2', 'a1');
    await build('2/2', 'a2');
    await build('2/3', 'b2');
    await build('2/2', 'c2', ['--format', 'html']);
    const part = await readJson(join(copy, 'a1/manifest.json'));
    expect(part.shard).toEqual({ index: 1, count: 2, selection: (await readJson(join(project, 'dist/manifest.json'))).artifacts.map((a: any) => a.path) });
    await runCli(['build', ...TEXT, '--out', 'whole'], copy);
    const cases: [string[], string][] = [
      [['a1'], 'part 2/2 of the build is missing: a merge needs all 2 parts'],
      [['a1', 'a1'], 'part 1/2 is given twice: a1 and a1'],
      [['a1', 'b2'], 'b2 is part 2/3 but a1 is part 1/2: they split the build differently'],
      [['a1', 'c2'], 'c2 and a1 are parts of builds of different selections'],
      [['a1', 'whole'], 'a1 is part 1/2 of a build, but whole is a whole build'],
    ];
    for (const [dirs, message] of cases) {
      const result = await runCli(['merge', ...dirs, '--out', 'merged'], copy);
      expect(result.code, dirs.join(' ')).toBe(11);
      expect(result.stderr.replaceAll(`${copy}/`, '')).toContain(`error: ${message}`);
      expect(result.stderr).toContain('How to fix: ');
    }
    expect((await readdir(copy)).filter((name) => name.startsWith('merged'))).toEqual([]);
    const merged = await runCli(['merge', 'a2', 'a1', '--out', 'merged'], copy);
    expect(merged.code, merged.stderr).toBe(0);
    expect((await readJson(join(copy, 'merged/manifest.json'))).shard).toBeUndefined();
    expect(await readText(join(copy, 'merged/manifest.json'))).toBe(await readText(join(project, 'dist/manifest.json')));
  });
});

/** The Hebrew file with the English of one paragraph changed since it was translated. */
async function staleHebrew(): Promise<string> {
  return (await readText(join(REPO, 'translations/he.yaml'))).replace(/(  our-values:\n      source: >-\n        )We believe/, '$1We used to believe');
}

interface ZipEntry {
  data: Buffer;
  mode: number;
  time: string;
}

/** A minimal reader of the zip Broadside writes: the central directory, then each local entry. */
function readZip(zip: Buffer): Map<string, ZipEntry> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, time, date, size, nameLength, extra, comment] = [zip.readUInt16LE(at + 10), zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + size);
    const pad = (n: number): string => String(n).padStart(2, '0');
    entries.set(name, {
      data: method === 8 ? inflateRawSync(stored) : stored,
      mode: zip.readUInt32LE(at + 38) >>> 16,
      time: `${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
