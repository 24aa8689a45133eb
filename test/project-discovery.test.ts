import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, readText, runCli } from './helpers.js';

const TEXT = ['--format', 'html,txt'];
const made: string[] = [];
const project = async (): Promise<string> => {
  const dir = await makeProject();
  made.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('finding the project', () => {
  it('looks in the current folder, then in the folders above it', async () => {
    const root = await project();
    const fromRoot = await runCli(['status'], root);
    const fromInside = await runCli(['status'], join(root, 'statements'));
    expect(fromInside).toEqual(fromRoot);
    expect(fromInside.code).toBe(0);
    expect(fromInside.stdout).toContain('mission-statement: 9 segments');
  });

  it('stops at the nearest broadside.yaml', async () => {
    const root = await project();
    await mkdir(join(root, 'inner/statements'), { recursive: true });
    await writeFile(join(root, 'inner/broadside.yaml'), 'languages:\n  - code: en\n');
    await writeFile(join(root, 'inner/statements/note.md'), '---\ntitle: Note\ndate: 2024-01-01\n---\n\nOne line.\n');
    const result = await runCli(['status', '--json'], join(root, 'inner/statements'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).statements.map((s: { statement: string }) => s.statement)).toEqual(['note']);
  });

  it('takes the folder named with --project or -C, before or after the command, read from the current folder', async () => {
    const root = await project();
    const elsewhere = await mkdtemp(join(tmpdir(), 'broadside-elsewhere-'));
    made.push(elsewhere);
    const expected = (await runCli(['status'], root)).stdout;
    for (const args of [['--project', root, 'status'], ['-C', root, 'status'], ['status', '--project', root], ['status', '-C', root]]) {
      expect(await runCli(args, elsewhere)).toEqual({ code: 0, stdout: expected, stderr: '' });
    }
    expect((await runCli(['status', '-C', 'translations/..'], root)).stdout).toBe(expected);
  });

  it('says how to start or name a project when there is none, and when --project names a folder without one', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'broadside-empty-'));
    made.push(empty);
    const none = await runCli(['check'], empty);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(
      `error: no broadside.yaml in ${empty} or any folder above it\nHow to fix: run Broadside inside a project, name one with --project DIR, or start one with \`broadside init\`.\n`,
    );
    const named = await runCli(['status', '-C', 'nowhere'], empty);
    expect(named.code).toBe(3);
    expect(named.stderr).toContain('no broadside.yaml in nowhere, the folder given with --project');
    expect(named.stderr).toContain('`broadside init nowhere`');
  });
});

describe('paths typed on the command line', () => {
  it('are read from the current folder and shown as typed', async () => {
    const root = await project();
    const result = await runCli(['build', ...TEXT, '--out', '../site/'], join(root, 'statements'));
    expect(result).toMatchObject({ code: 0, stderr: 'Wrote 12 files to ../site/\n' });
    expect((await stat(join(root, 'site/index.html'))).isFile()).toBe(true);
    const verified = await runCli(['verify', '../site/'], join(root, 'statements'));
    expect(verified.stdout).toMatch(/^OK: the \d+ files in \.\.\/site\/ match its manifest\.json\n$/);
  });

  it('name the XLIFF file to import as typed in its errors', async () => {
    const root = await project();
    const result = await runCli(['xliff', 'import', './missing/he.xlf'], join(root, 'translations'));
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: \.\/missing\/he\.xlf: cannot read \.\/missing\/he\.xlf \(there is no such file\)/);
  });
});

describe('translator outputs', () => {
  it('go to review/ and xliff/ in the project, which build and verify leave alone', async () => {
    const root = await project();
    const inside = join(root, 'statements');
    expect((await runCli(['build', ...TEXT, '-q'], inside)).code).toBe(0);
    expect(await runCli(['xliff', 'export', 'he'], inside)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote \d+ unit\(s\) to \.\.\/xliff\/he-1\.2\.xlf \(XLIFF 1\.2\)\n$/) });
    expect(await runCli(['review', 'he', '--no-pdf'], inside)).toMatchObject({ code: 0, stdout: 'Wrote ../review/he.html\n' });
    const xliff = await readText(join(root, 'xliff/he-1.2.xlf'));
    const review = await readText(join(root, 'review/he.html'));

    expect(await runCli(['verify'], inside)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: the \d+ files in \/.*\/dist match/) });
    await writeFile(join(root, 'translations/fr.yaml'), `${await readText(join(root, 'translations/fr.yaml'))}\n`);
    expect((await runCli(['build', ...TEXT, '--force', '-q'], inside)).code).toBe(0);
    expect((await runCli(['verify'], root)).code).toBe(0);
    expect((await readdir(join(root, 'dist'))).sort()).toEqual(['assets', 'index.html', 'manifest.json', 'mission-statement']);
    expect(await readText(join(root, 'xliff/he-1.2.xlf'))).toBe(xliff);
    expect(await readText(join(root, 'review/he.html'))).toBe(review);
    expect(await runCli(['xliff', 'import', '../xliff/he-1.2.xlf'], inside)).toMatchObject({ code: 0 });
  });

  it('may not share a folder with the build output', async () => {
    const root = await project();
    await writeFile(join(root, 'broadside.yaml'), `${await readText(join(root, 'broadside.yaml'))}output: review\n`);
    const result = await runCli(['build', ...TEXT], root);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('must not be or contain review/, where `broadside review` writes for translators');
  });
});
