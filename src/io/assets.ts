import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FONT_FAMILIES, fontStylesheets, rewriteFontFaces, subsetRanges, wholeFontFaces, type FontFamily } from '../render/fonts.js';
import { ASSETS_DIR, type Assets } from '../writers/paths.js';

const require = createRequire(import.meta.url);

export type { Assets } from '../writers/paths.js';

const FONTS_CSS = 'fonts.css';

export async function loadAssets(templatesDir: string): Promise<Assets> {
  const [stylesheet, editions, families] = await Promise.all([readFile(join(templatesDir, 'broadside.css')), readFile(join(templatesDir, 'edition.css')), Promise.all(FONT_FAMILIES.map(readFamily))]);
  const files = new Map<string, Buffer>([
    ['broadside.css', stylesheet],
    ['edition.css', editions],
    ...families.flatMap((f) => f.web.files.map(({ name, data }): [string, Buffer] => [`fonts/${name}`, data])),
    [FONTS_CSS, Buffer.from(`/* Fonts from @fontsource packages (SIL Open Font License). */\n${families.map((f) => f.web.css).join('\n')}\n`)],
  ]);
  const printed = families.map((f) => f.print ?? f.web);
  const print = new Map<string, Buffer>([
    ...families.flatMap((f) => (f.print?.files ?? []).map(({ name, data }): [string, Buffer] => [`fonts/${name}`, data])),
    [FONTS_CSS, Buffer.from(`/* Fonts for printing (SIL Open Font License): whole fonts from @expo-google-fonts packages, the rest from @fontsource. */\n${printed.map((f) => f.css).join('\n')}\n`)],
  ]);
  return { files, print };
}

/** A file the printer asks for under ASSETS_DIR (`assets/fonts.css`): what printing uses in its place, or the file itself. */
export function assetForPrinter(assets: Assets, path: string): Buffer | undefined {
  if (!path.startsWith(`${ASSETS_DIR}/`)) return undefined;
  const name = path.slice(ASSETS_DIR.length + 1);
  return assets.print.get(name) ?? assets.files.get(name);
}

interface Faces {
  css: string;
  files: { name: string; data: Buffer }[];
}

/** A family's faces for the web (its subsets), and for printing when it has a whole font for it. */
async function readFamily(family: FontFamily): Promise<{ web: Faces; print?: Faces }> {
  const root = dirname(require.resolve(`${family.package}/package.json`));
  const ranges = subsetRanges(await readFile(join(root, `${family.weights[0]}.css`), 'utf8'), family);
  const sheets = await Promise.all(fontStylesheets(family).map(({ subset, sheet }) => readFontFaces(join(root, sheet), ranges.get(subset))));
  const web = { css: sheets.map((s) => s.css).join('\n'), files: sheets.flatMap((s) => s.files) };
  if (!family.print) return { web };
  const whole = wholeFontFaces(family.print);
  const printRoot = dirname(require.resolve(`${family.print.package}/package.json`));
  const files = await Promise.all(whole.files.map(async ({ path, name }) => ({ name, data: await readFile(join(printRoot, path)) })));
  return { web, print: { css: whole.css, files } };
}

/** One @fontsource stylesheet, rewritten to point at assets/fonts/ with its subset's unicode-range, with the font files it names. */
async function readFontFaces(sheet: string, unicodeRange: string | undefined): Promise<Faces> {
  const { css, files } = rewriteFontFaces(await readFile(sheet, 'utf8'), unicodeRange);
  const folder = join(dirname(sheet), 'files');
  return { css, files: await Promise.all(files.map(async (name) => ({ name, data: await readFile(join(folder, name)) }))) };
}
