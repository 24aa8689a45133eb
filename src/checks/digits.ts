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
  const number = /\p{Nd}+(?:(?:[.,'’\u066B\u066C]|[ \u00A0\u2009\u202F](?=\p{Nd}{3}(?!\p{Nd})))\p{Nd}+)*/gu;
  return [...text.matchAll(number)].map(([written]) => ({ written, digits: asciiDigits(written).replace(/\D/g, '') }));
}
