/** A space within a line: U+0020, tab, no-break and the other Unicode spaces (not line breaks). */
export const HORIZONTAL_SPACE = '[\\t\\p{Zs}]';

const SPACE_NAMES: Record<string, string> = {
  ' ': 'space',
  '\t': 'tab',
  '\u00A0': 'no-break space',
  '\u202F': 'narrow no-break space',
  '\u2009': 'thin space',
  '\u3000': 'ideographic space',
};

export function spaceName(char: string): string {
  return SPACE_NAMES[char] ?? codePoint(char);
}

/** U+200B */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
