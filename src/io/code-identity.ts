import { fileURLToPath } from 'node:url';
import { sha256Json } from '../manifest/hash.js';
import { compareText } from '../plan/artifacts.js';
import { VERSION } from '../version.js';
import { TEMPLATES_DIR } from './project.js';
import { hashTree } from './tree.js';

/**
 * The folder of the code running now: build/ for the installed CLI (build/bundle/*.cjs), src/ when
 * the TypeScript runs directly (tests). This module sits one level below it in both.
 */
const CODE_DIR = fileURLToPath(new URL('../', import.meta.url));

let running: Promise<string> | undefined;

/**
 * What the artifacts' cache keys hold of Broadside itself: its version and a hash of its code and
 * templates, so that a PDF made by other code (a fix in the printer, a new release) is made again.
 * The fonts and the shared stylesheet are in the keys as the build's assets. Hashed once per process.
 */
export function codeIdentity(): Promise<string> {
  return (running ??= identityOf([CODE_DIR, TEMPLATES_DIR]));
}

/** The version and the hash of every file under `dirs`. */
export async function identityOf(dirs: readonly string[]): Promise<string> {
  const trees = await Promise.all(dirs.map(hashTree));
  return sha256Json({ version: VERSION, code: trees.map((tree) => [...tree.values()].sort((a, b) => compareText(a.path, b.path)).map((f) => [f.path, f.sha256])) });
}
