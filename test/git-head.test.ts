import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitHead } from '../src/io/git-head.js';
import { tempDir } from './helpers.js';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', PATH: process.env.PATH };
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();

async function repository(): Promise<string> {
  const dir = await tempDir('git');
  git(dir, 'init', '-q', '-b', 'main');
  await writeFile(join(dir, 'a.txt'), 'a');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

describe('reading the commit HEAD points at without running git', () => {
  it('finds it through a loose branch ref, also from a folder inside the repository', async () => {
    const repo = await repository();
    await mkdir(join(repo, 'site'));
    expect(await readGitHead(repo, {})).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(await readGitHead(join(repo, 'site'), {})).toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('finds it in packed-refs once the refs are packed', async () => {
    const repo = await repository();
    git(repo, 'pack-refs', '--all');
    expect(await readGitHead(repo, {})).toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('reads a detached HEAD', async () => {
    const repo = await repository();
    await writeFile(join(repo, 'b.txt'), 'b');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'two');
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(await readGitHead(repo, {})).toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('follows a worktree’s .git file to its own HEAD and the shared refs', async () => {
    const repo = await repository();
    const worktree = join(await tempDir('worktree'), 'other');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', worktree);
    await writeFile(join(worktree, 'c.txt'), 'c');
    git(worktree, 'add', '.');
    git(worktree, 'commit', '-q', '-m', 'three');
    expect(await readGitHead(worktree, {})).toBe(git(worktree, 'rev-parse', 'HEAD'));
    expect(await readGitHead(worktree, {})).not.toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('gives null for a branch with no commit yet and outside any repository', async () => {
    const empty = await tempDir('git');
    git(empty, 'init', '-q');
    expect(await readGitHead(empty, {})).toBeNull();
    expect(await readGitHead(await tempDir('nogit'), {})).toBeNull();
  });

  it('leaves the answer to git when GIT_DIR or similar variables are set', async () => {
    const repo = await repository();
    expect(await readGitHead(repo, { GIT_DIR: join(repo, '.git') })).toBeUndefined();
  });
});
