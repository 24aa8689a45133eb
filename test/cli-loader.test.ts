import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO, tempDir } from './helpers.js';

/** A copy of the installed CLI (bin/, the bundles without any cache, templates/), so caches start empty. */
let app: string;
let project: string;
const cli = (...args: string[]) => promisify(execFile)(process.execPath, [join(app, 'bin/broadside.cjs'), ...args], { cwd: project });
const caches = async (): Promise<string[]> => (await readdir(join(app, 'build/bundle'), { recursive: true })).filter((f) => f.endsWith('.cache')).sort();

beforeAll(async () => {
  app = await tempDir('app');
  for (const dir of ['bin', 'templates']) await cp(join(REPO, dir), join(app, dir), { recursive: true });
  await cp(join(REPO, 'package.json'), join(app, 'package.json'));
  await cp(join(REPO, 'build/bundle'), join(app, 'build/bundle'), { recursive: true, filter: (source) => !source.endsWith('.cache') });
  await symlink(join(REPO, 'node_modules'), join(app, 'node_modules'), 'dir');
  project = await makeProject();
});

describe('the CLI started from bin/broadside.cjs', () => {
  it('writes no code cache for a run that only shows help', async () => {
    await cli('build', '--help');
    expect(await caches()).toEqual([]);
  });

  it('writes the CLI bundle’s code cache for the command after its first real run, and no vendor cache without PDFs', async () => {
    await cli('build', '-q', '--format', 'html,txt');
    const written = await caches();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^broadside\.cjs\.\d+-\d+\.build\.cache$/);
    expect((await stat(join(app, 'build/bundle', written[0]!))).size).toBeGreaterThan(100_000);
  });

  it('runs correctly from a damaged cache and replaces it', async () => {
    const [cache] = await caches();
    await writeFile(join(app, 'build/bundle', cache!), 'not a code cache');
    const { stdout } = await cli('build', '--force', '--format', 'html,txt');
    expect(stdout).toBe('');
    expect(await readFile(join(project, 'dist/mission-statement/fr/mission-statement.fr.txt'), 'utf8')).toContain('Réseau juif progressiste international');
    expect((await stat(join(app, 'build/bundle', cache!))).size).toBeGreaterThan(100_000);
  });

  it('says how to make the bundle when it is missing, without a stack trace', async () => {
    const bare = await tempDir('app');
    await mkdir(join(bare, 'bin'));
    await cp(join(REPO, 'bin/broadside.cjs'), join(bare, 'bin/broadside.cjs'));
    const result = await promisify(execFile)(process.execPath, [join(bare, 'bin/broadside.cjs'), '--version']).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result && result.code).toBe(2);
    expect(result.stderr).toMatch(/broadside\.cjs is missing; run `npm run bundle`/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
