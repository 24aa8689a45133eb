import { posix, win32 } from 'node:path';
import * as z from 'zod';

/**
 * A folder named in broadside.yaml, relative to the project. It must stay inside the project: the
 * configuration travels with the project, and a build reads and replaces these folders. Pure string
 * checks; a symbolic link inside the project is followed like any folder.
 */
export function projectFolder(example: string, { own = false } = {}) {
  return z
    .string({ error: `must be a folder inside the project, such as ${example}` })
    .min(1, `must name a folder, such as ${example}`)
    .refine((path) => !path.includes('\0'), 'must not contain a NUL character')
    .refine((path) => !posix.isAbsolute(path) && !win32.isAbsolute(path), `must be written relative to the project folder (such as ${example}), not as an absolute path`)
    .refine((path) => !leavesProject(path), `must stay inside the project folder; "../" leads out of it (use a folder such as ${example})`)
    .refine((path) => !own || normalize(path) !== '.', `must be a folder of its own, such as ${example}: a build replaces the whole folder`);
}

/** `a/../b/` → `b`, with `\` read as `/` so a path means the same on every system. */
export function normalize(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/\/$/, '') || '.';
}

function leavesProject(path: string): boolean {
  const normal = normalize(path);
  return normal === '..' || normal.startsWith('../');
}

/** Whether folder `inner` is `outer` or inside it (both project-relative). */
export function isWithin(inner: string, outer: string): boolean {
  const [a, b] = [normalize(inner), normalize(outer)];
  return b === '.' || a === b || a.startsWith(`${b}/`);
}
