import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { CONFIG_FILE } from '../config/load.js';
import { sha256Json } from '../manifest/hash.js';
import type { SourceIdentity, SourceInput } from '../manifest/manifest.js';
import { compareText } from '../plan/artifacts.js';
import { hashFiles, listTree } from './tree.js';
import { TEMPLATES_DIR } from './project.js';
import type { Project } from '../model/project.js';

/**
 * What a build was made from: the hash of every input (configuration, statements, translations,
 * and Broadside's templates and interface strings) and the git commit when the project is in a repository.
 */
export async function sourceIdentity(project: Project, date: Date, env: NodeJS.ProcessEnv): Promise<SourceIdentity> {
  const { root, config } = project;
  const commit = gitCommit(root, env);
  const hashed = async (origin: SourceInput['origin'], base: string, paths: string[], prefix: string): Promise<SourceInput[]> =>
    (await hashFiles(base, [...paths].sort(compareText))).map((file) => ({ path: `${prefix}${file.path}`, origin, sha256: file.sha256 }));
  const inputFolder = async (folder: string, extension: string): Promise<SourceInput[]> => {
    const dir = join(root, folder);
    const names = (await listTree(dir)).filter((p) => !p.includes('/') && p.endsWith(extension));
    return hashed('project', dir, names, `${relative(root, dir).split(sep).join('/')}/`);
  };
  const inputs = (
    await Promise.all([
      hashed('project', root, [CONFIG_FILE], ''),
      inputFolder(config.statements, '.md'),
      inputFolder(config.translations, '.yaml'),
      listTree(TEMPLATES_DIR).then((paths) => hashed('broadside', TEMPLATES_DIR, paths, 'templates/')),
    ])
  ).flat();
  return {
    sha256: sha256Json(inputs.map((i) => [i.origin, i.path, i.sha256])),
    commit: await commit,
    date: date.toISOString(),
    inputs,
  };
}

/** The commit HEAD points at, as git itself says, or null when there is no repository, no commit yet or no git. */
async function gitCommit(root: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const { execFile } = await import('node:child_process');
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root, env, timeout: 10_000 });
    return /^[0-9a-f]{40,64}$/.test(stdout.trim()) ? stdout.trim() : null;
  } catch {
    return null;
  }
}
