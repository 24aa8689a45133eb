import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

const ENV = { PATH: process.env.PATH, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();
const TEXT = ['--format', 'html,txt', '-q'];
const commitOf = async (dir: string): Promise<unknown> => JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')).source.commit;

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the commit in manifest.json, as git reports it', () => {
  it('is the commit checked out, for a project in a folder of a repository and in a second worktree', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'broadside-repo-'));
    made.push(repo, `${repo}-worktree`);
    git(repo, 'init', '-q', '-b', 'main');
    const project = await makeProject();
    execFileSync('cp', ['-r', project, join(repo, 'site')]);
    await rm(project, { recursive: true, force: true });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'two');
    expect((await runCli(['build', ...TEXT], join(repo, 'site'), ENV)).code).toBe(0);
    expect(await commitOf(join(repo, 'site'))).toBe(git(repo, 'rev-parse', 'HEAD'));

    git(repo, 'worktree', 'add', '-q', '--detach', `${repo}-worktree`, 'HEAD~1');
    expect((await runCli(['build', ...TEXT], join(`${repo}-worktree`, 'site'), ENV)).code).toBe(0);
    expect(await commitOf(join(`${repo}-worktree`, 'site'))).toBe(git(repo, 'rev-parse', 'HEAD~1'));
  });

  it('is null in a repository with no commit yet', async () => {
    const project = await makeProject();
    made.push(project);
    git(project, 'init', '-q');
    expect((await runCli(['build', ...TEXT], project, ENV)).code).toBe(0);
    expect(await commitOf(project)).toBeNull();
  });
});
