import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FONT_FAMILIES, fontStylesheets, rewriteFontFaces } from '../render/fonts.js';

const require = createRequire(import.meta.url);

/** Shared files under dist/assets: the stylesheet and the fonts. Keyed by path relative to assets/. */
export type Assets = Map<string, Buffer>;

export async function loadAssets(templatesDir: string): Promise<Assets> {
  const assets: Assets = new Map();
  assets.set('broadside.css', await readFile(join(templatesDir, 'broadside.css')));
  const faces: string[] = [];
  for (const family of FONT_FAMILIES) {
    const root = dirname(require.resolve(`${family.package}/package.json`));
    for (const sheet of fontStylesheets(family)) {
      const { css, files } = rewriteFontFaces(await readFile(join(root, sheet), 'utf8'));
      faces.push(css);
      for (const file of files) assets.set(`fonts/${file}`, await readFile(join(root, 'files', file)));
    }
  }
  assets.set('fonts.css', Buffer.from(`/* Fonts from @fontsource packages (SIL Open Font License). */\n${faces.join('\n')}\n`));
  return assets;
}
