/**
 * The typefaces every edition is set in, from @fontsource packages (all SIL OFL). Each family is
 * loaded in every weight and style the stylesheet uses, so Chromium never fakes bold or italic.
 */
export interface FontFamily {
  package: string;
  subsets: string[];
  weights: number[];
  italic: boolean;
}

export const FONT_FAMILIES: FontFamily[] = [
  { package: '@fontsource/noto-serif', subsets: ['latin', 'latin-ext'], weights: [400, 700], italic: true },
  { package: '@fontsource/noto-serif-hebrew', subsets: ['latin', 'latin-ext', 'hebrew'], weights: [400, 700], italic: false },
  { package: '@fontsource/amiri', subsets: ['latin', 'latin-ext', 'arabic'], weights: [400, 700], italic: false },
];

/** The package stylesheets to read: `<subset>-<weight>[-italic].css`. */
export function fontStylesheets(family: FontFamily): string[] {
  const styles = family.italic ? ['', '-italic'] : [''];
  return family.subsets.flatMap((subset) => family.weights.flatMap((weight) => styles.map((style) => `${subset}-${weight}${style}.css`)));
}

/**
 * Rewrites a package's @font-face rules to point at `fonts/<file>.woff2` (woff2 only: every browser
 * Broadside targets reads it) and returns the font files they need.
 */
export function rewriteFontFaces(css: string): { css: string; files: string[] } {
  const files: string[] = [];
  const rewritten = css.replace(/src:[^;]*;/g, (src) => {
    const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(src);
    if (!woff2) throw new Error(`no woff2 source in font rule: ${src}`);
    files.push(woff2[1]!);
    return `src: url(fonts/${woff2[1]}) format('woff2');`;
  });
  return { css: rewritten.replace(/\/\*[^*]*\*\/\n?/g, '').trim(), files };
}
