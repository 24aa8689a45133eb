import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The commit HEAD points at, read from the repository's own files the way git resolves it (a
 * `.git` folder or `gitdir:` file up the tree, HEAD, loose refs, then packed-refs; worktrees through
 * `commondir`), which spares a build starting git. null: no repository, or a branch with no commit
 * yet. undefined: something only git itself should answer (GIT_* variables, reftable refs).
 */
export async function readGitHead(root: string, env: NodeJS.ProcessEnv): Promise<string | null | undefined> {
  if (Object.keys(env).some((name) => /^GIT_(DIR|COMMON_DIR|WORK_TREE|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM)$/.test(name))) return undefined;
  const gitDir = await findGitDir(resolve(root));
  if (!gitDir) return null;
  const commonDir = await readText(join(gitDir, 'commondir')).then((dir) => (dir === undefined ? gitDir : resolve(gitDir, dir)));
  const reftable = await stat(join(commonDir, 'reftable')).then(
    () => true,
    () => false,
  );
  if (reftable) return undefined;
  let head = await readText(join(gitDir, 'HEAD'));
  for (let depth = 0; head?.startsWith('ref: ') && depth < 5; depth++) head = await resolveRef(gitDir, commonDir, head.slice('ref: '.length));
  if (head === undefined) return null;
  return OBJECT_ID.test(head) ? head : undefined;
}

async function findGitDir(start: string): Promise<string | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const kind = await stat(dotGit).catch(() => undefined);
    if (kind?.isDirectory()) return dotGit;
    if (kind?.isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec((await readText(dotGit)) ?? '')?.[1];
      return pointer ? resolve(dir, pointer.trim()) : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** What a ref holds: a loose ref (per worktree, then shared), else its line in packed-refs. */
async function resolveRef(gitDir: string, commonDir: string, ref: string): Promise<string | undefined> {
  if (!/^refs\/[^\s]+$/.test(ref) || ref.split('/').includes('..')) return undefined;
  for (const dir of new Set([gitDir, commonDir])) {
    const loose = await readText(join(dir, ref));
    if (loose !== undefined) return loose;
  }
  const packed = (await readText(join(commonDir, 'packed-refs'))) ?? '';
  return packed.split('\n').find((line) => line.endsWith(` ${ref}`))?.split(' ')[0];
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
}
