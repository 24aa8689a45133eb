import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FONT_FAMILIES, fontStylesheets, rewriteFontFaces } from '../render/fonts.js';
import type { Assets } from '../writers/paths.js';

const require = createRequire(import.meta.url);

export type { Assets } from '../writers/paths.js';

export async function loadAssets(templatesDir: string): Promise<Assets> {
  const sheets = FONT_FAMILIES.flatMap((family) => {
    const root = dirname(require.resolve(`${family.package}/package.json`));
    return fontStylesheets(family).map((sheet) => join(root, sheet));
  });
  const [stylesheet, editions, ...faces] = await Promise.all([readFile(join(templatesDir, 'broadside.css')), readFile(join(templatesDir, 'edition.css')), ...sheets.map(readFontFaces)]);
  const fonts = faces.flatMap((face) => face.files);
  return new Map([
    ['broadside.css', stylesheet!],
    ['edition.css', editions!],
    ...fonts.map(({ name, data }): [string, Buffer] => [`fonts/${name}`, data]),
    ['fonts.css', Buffer.from(`/* Fonts from @fontsource packages (SIL Open Font License). */\n${faces.map((face) => face.css).join('\n')}\n`)],
  ]);
}

/** One @fontsource stylesheet, rewritten to point at assets/fonts/, with the font files it names. */
async function readFontFaces(sheet: string): Promise<{ css: string; files: { name: string; data: Buffer }[] }> {
  const { css, files } = rewriteFontFaces(await readFile(sheet, 'utf8'));
  const folder = join(dirname(sheet), 'files');
  return { css, files: await Promise.all(files.map(async (name) => ({ name, data: await readFile(join(folder, name)) }))) };
}
