import { describe, expect, it } from 'vitest';
import { directionOf, formattingLocale } from '../src/model/languages.js';

describe('language facts from a BCP 47 code', () => {
  it.each(['ar', 'ar-EG', 'fa-IR', 'zh-Hant-TW', 'ar-u-ca-islamic', 'en-x-internal'])('gives %s the numbering system as Intl.Locale would', (code) => {
    expect(formattingLocale(code, 'arab')).toBe(new Intl.Locale(code, { numberingSystem: 'arab' }).toString());
    expect(formattingLocale(code)).toBe(code);
  });

  it.each([
    ['he', 'rtl'],
    ['ar', 'rtl'],
    ['yi', 'rtl'],
    ['fr', 'ltr'],
    ['az-Arab', 'rtl'],
  ])('writes %s %s', (code, dir) => {
    expect(directionOf(code)).toBe(dir);
  });
});
