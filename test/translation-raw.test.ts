import { describe, expect, it } from 'vitest';
import { readTranslation } from '../src/readers/translation.js';

const FILE = `language: he
interface:
  published:
    source: Published {{date}}
    text: "  פורסם  ב־{{date}} "
statements:
  mission-statement:
    title:
      source: Mission Statement
      text: הצהרת ייעוד
`;

describe('reading a translation entry', () => {
  const translation = readTranslation('he', 'translations/he.yaml', FILE, new Set(['mission-statement', 'other']));
  const published = translation.interface.get('published')!;

  it('publishes the text with its spacing normalised', () => {
    expect(published.text).toBe('פורסם ב־{{date}}');
  });

  it('keeps the text as written, for the whitespace checks', () => {
    expect(published.raw).toBe('  פורסם  ב־{{date}} ');
  });

  it('knows where each section is, to point at an entry that is missing', () => {
    expect(translation.sections?.get('interface')).toEqual({ line: 3, column: 3 });
    expect(translation.sections?.get('statements.mission-statement')).toEqual({ line: 8, column: 5 });
    // No section for this statement yet: the nearest enclosing one.
    expect(translation.sections?.get('statements.other')).toEqual({ line: 7, column: 3 });
  });
});
