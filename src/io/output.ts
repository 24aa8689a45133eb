import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

const STAGING = '.broadside-staging-';
const RETIRED = '.broadside-retired-';

/**
 * Writes a build into a staging folder beside the output folder and swaps it in only on commit, so a
 * failed, interrupted or killed build leaves the previous output untouched. Leftovers of a killed
 * build are removed by the next one.
 */
export class OutputTransaction {
  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  /** `keepPrevious`: start from a copy of the current output (for builds of a selection). */
  static async begin(outDir: string, keepPrevious: boolean): Promise<OutputTransaction> {
    const out = resolve(outDir);
    await mkdir(dirname(out), { recursive: true });
    await removeLeftovers(out);
    const staging = join(dirname(out), `${STAGING}${basename(out)}-${process.pid}-${Date.now()}`);
    if (keepPrevious && (await exists(out))) await cp(out, staging, { recursive: true });
    else await mkdir(staging, { recursive: true });
    return new OutputTransaction(out, staging);
  }

  async write(path: string, data: string | Uint8Array): Promise<void> {
    const target = join(this.stagingDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }

  async has(path: string): Promise<boolean> {
    return exists(join(this.stagingDir, path));
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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Staging and retired folders of earlier builds of this output whose process is gone. */
async function removeLeftovers(out: string): Promise<void> {
  const parent = dirname(out);
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

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
