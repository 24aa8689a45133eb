/** Any decimal digit (0-9, ٠-٩, ۰-۹, ०-९ …) as its ASCII digit; other characters unchanged. */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => String(digitValue(digit)));
}

/** Unicode puts each system's digits in a run of ten starting at zero; find where this one's run starts. */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  let zero = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return (code - zero) % 10;
}

/**
 * The numbers in a text as digit strings, whatever the digit system and separators: 2,020, 2.020,
 * 2 020 and ٢٬٠٢٠ are all 2020. A space joins digits only before a group of exactly three.
 */
export function numbersIn(text: string): { written: string; digits: string }[] {
  const ascii = asciiDigits(text);
  const found: { written: string; digits: string }[] = [];
  for (const match of ascii.matchAll(/\d+(?:(?:[.,'’\u066B\u066C]|[ \u00A0\u2009\u202F](?=\d{3}(?!\d)))\d+)*/g)) {
    found.push({ written: [...text].slice(...codePointRange(ascii, match.index, match[0].length)).join(''), digits: match[0].replace(/\D/g, '') });
  }
  return found;
}

function codePointRange(text: string, index: number, length: number): [number, number] {
  const start = [...text.slice(0, index)].length;
  return [start, start + [...text.slice(index, index + length)].length];
}
