/**
 * The typefaces every edition is set in, from @fontsource packages (all SIL OFL). Each family is
 * loaded in every weight and style the stylesheet uses, so Chromium never fakes bold or italic.
 */
export interface FontFamily {
  package: string;
  subsets: string[];
  weights: number[];
  italic: boolean;
  /**
   * The whole font, one file per weight, for printing in place of the subsets. Chromium writes each
   * font file into the PDF as a font of its own, and pdf.js starts a new run of text at every change
   * of font, giving a line's runs in the order they are drawn: a right-to-left line whose full stops,
   * commas and digits come from the Latin subset comes out of pdf.js with its sentences swapped. Set
   * in one font, such a line is one run (docs/typography.md). Latin text needs none: its runs are
   * drawn in reading order.
   */
  print?: { package: string; family: string; files: Record<number, string> };
}

export const FONT_FAMILIES: FontFamily[] = [
  { package: '@fontsource/noto-serif', subsets: ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'vietnamese'], weights: [400, 700], italic: true },
  {
    package: '@fontsource/noto-serif-hebrew',
    subsets: ['latin', 'latin-ext', 'hebrew'],
    weights: [400, 700],
    italic: false,
    print: { package: '@expo-google-fonts/noto-serif-hebrew', family: 'Noto Serif Hebrew', files: { 400: '400Regular/NotoSerifHebrew_400Regular.ttf', 700: '700Bold/NotoSerifHebrew_700Bold.ttf' } },
  },
  {
    package: '@fontsource/amiri',
    subsets: ['latin', 'latin-ext', 'arabic'],
    weights: [400, 700],
    italic: false,
    print: { package: '@expo-google-fonts/amiri', family: 'Amiri', files: { 400: '400Regular/Amiri_400Regular.ttf', 700: '700Bold/Amiri_700Bold.ttf' } },
  },
];

/** The package stylesheets to read, `<subset>-<weight>[-italic].css`, each with its subset. */
export function fontStylesheets(family: FontFamily): { subset: string; sheet: string }[] {
  const styles = family.italic ? ['', '-italic'] : [''];
  return family.subsets.flatMap((subset) => family.weights.flatMap((weight) => styles.map((style) => ({ subset, sheet: `${subset}-${weight}${style}.css` }))));
}

/** The @font-face rules of a whole font for printing, its files under `fonts/` by their own names. */
export function wholeFontFaces(print: NonNullable<FontFamily['print']>): { css: string; files: { weight: number; path: string; name: string }[] } {
  const files = Object.entries(print.files).map(([weight, path]) => ({ weight: Number(weight), path, name: path.slice(path.lastIndexOf('/') + 1) }));
  const css = files.map(({ weight, name }) => `@font-face {\n  font-family: '${print.family}';\n  font-style: normal;\n  font-weight: ${weight};\n  src: url(fonts/${name}) format('truetype');\n}`).join('\n');
  return { css, files };
}

/**
 * Rewrites a package's @font-face rules to point at `fonts/<file>.woff2` (woff2 only: every browser
 * Broadside targets reads it), with the subset's `unicode-range` (the package's stylesheet of one
 * subset has none, so a browser would fetch every subset of a family it uses), and returns the font
 * files they need.
 */
export function rewriteFontFaces(css: string, unicodeRange?: string): { css: string; files: string[] } {
  const files: string[] = [];
  const rewritten = css.replace(/src:[^;]*;/g, (src) => {
    const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(src);
    if (!woff2) throw new Error(`no woff2 source in font rule: ${src}`);
    files.push(woff2[1]!);
    return `src: url(fonts/${woff2[1]}) format('woff2');${unicodeRange ? `\n  unicode-range: ${unicodeRange};` : ''}`;
  });
  return { css: rewritten.replace(/\/\*[^*]*\*\/\n?/g, '').trim(), files };
}

/**
 * The `unicode-range` of each subset Broadside ships of a family, as the package's combined
 * stylesheet (`<weight>.css`, one rule per subset) declares it.
 */
export function subsetRanges(css: string, family: FontFamily): Map<string, string> {
  const ranges = new Map<string, string>();
  for (const rule of css.split('@font-face').slice(1)) {
    const file = between(rule, 'url(./files/', ')');
    const declared = between(rule, 'unicode-range:', ';')?.trim();
    const subset = family.subsets.find((s) => file?.endsWith(`-${s}-${family.weights[0]}-normal.woff2`));
    if (subset && declared) ranges.set(subset, declared);
  }
  return ranges;
}

/** The text after the first `open` and before the `close` that follows it. */
function between(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = start < 0 ? -1 : text.indexOf(close, start + open.length);
  return end < 0 ? undefined : text.slice(start + open.length, end);
}
