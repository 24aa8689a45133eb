import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerifyError } from '../errors.js';
import { parseManifest, type Manifest } from '../manifest/manifest.js';
import { MANIFEST_PATH } from '../writers/paths.js';

/** The manifest of a build or unpacked archive; a VerifyError when there is none or it is not valid. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_PATH);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(dir)) throw new VerifyError(`the folder ${dir} does not exist`, undefined, 'check the path; name a folder written by `broadside build` or `broadside merge` (default: dist), or an unpacked release archive.');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new VerifyError(`there is no ${MANIFEST_PATH} in ${dir}`, undefined, 'point to a folder written by `broadside build` or `broadside merge`, or to an unpacked release archive.');
    throw error;
  }
  return parseManifest(text, path);
}
