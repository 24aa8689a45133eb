import { copyFile, link, mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { INDEX_PATH } from '../writers/paths.js';
import { isAlive } from './process-alive.js';

const STAGING = '.broadside-staging-';
const RETIRED = '.broadside-retired-';

/**
 * Writes a build into a staging folder beside the output folder and swaps it in only on commit, so a
 * failed, interrupted or killed build leaves the previous output untouched. Leftovers of a killed
 * build are removed by the next one. Files that did not change are linked from the previous output
 * rather than written again, so they keep their modification times.
 */
export class OutputTransaction {
  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  static async begin(outDir: string): Promise<OutputTransaction> {
    const out = resolve(outDir);
    await removeLeftovers(out);
    const staging = join(dirname(out), `${STAGING}${basename(out)}-${process.pid}-${Date.now()}`);
    await mkdir(staging, { recursive: true });
    return new OutputTransaction(out, staging);
  }

  async write(path: string, data: string | Uint8Array): Promise<void> {
    const target = join(this.stagingDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }

  /** Takes `path` over unchanged from the current output: a hard link, or a copy with the same times. */
  async reuse(path: string): Promise<void> {
    const [source, target] = [join(this.outDir, path), join(this.stagingDir, path)];
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(source, target);
    } catch {
      await copyFile(source, target);
      const { atime, mtime } = await stat(source);
      await utimes(target, atime, mtime);
    }
  }

  async commit(): Promise<void> {
    const retired = join(dirname(this.outDir), `${RETIRED}${basename(this.outDir)}-${process.pid}-${Date.now()}`);
    const hadPrevious = await exists(this.outDir);
    if (hadPrevious) await rename(this.outDir, retired);
    await rename(this.stagingDir, this.outDir);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}

/**
 * A build replaces its whole output folder, so it takes only a new or empty folder or an earlier
 * build (an index.html at the top): a slip such as `--out .` must not delete a project.
 */
async function requireReplaceable(out: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new UsageError(`the output folder ${out} is a file`, undefined, 'choose a folder with --out (or `output:` in broadside.yaml).');
    throw error;
  }
  if (names.length === 0 || names.includes(INDEX_PATH)) return;
  throw new UsageError(
    `${out} is not empty and is not an earlier Broadside output (it has no ${INDEX_PATH}), so the build will not replace it`,
    undefined,
    'a build replaces its whole output folder: choose a new or empty folder with --out (or `output:` in broadside.yaml), or delete this one if nothing in it is needed.',
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes staging and retired folders of earlier builds of this output whose process is gone (and
 * puts back an output a killed build had retired). Called by every build, even one that changes
 * nothing, so it first refuses a folder that a build must not replace.
 */
export async function removeLeftovers(outDir: string): Promise<void> {
  const out = resolve(outDir);
  await requireReplaceable(out);
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  for (const name of await readdir(parent)) {
    for (const prefix of [STAGING, RETIRED]) {
      if (!name.startsWith(`${prefix}${basename(out)}-`)) continue;
      const pid = Number(name.slice(prefix.length + basename(out).length + 1).split('-')[0]);
      if (pid !== process.pid && isAlive(pid)) continue;
      if (prefix === RETIRED && !(await exists(out))) await rename(join(parent, name), out);
      else await rm(join(parent, name), { recursive: true, force: true });
    }
  }
}
