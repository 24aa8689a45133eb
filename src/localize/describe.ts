import { plainText } from '../render/inline.js';
import type { LocalizedStatement } from './localize.js';

/** A one-sentence summary for sharing and PDF metadata: the description, or the first sentence. */
export function describe(doc: LocalizedStatement): string {
  const { description, title } = doc.statement.meta;
  if (description) return plainText(doc.segment(description).inline);
  const first = doc.statement.blocks.find((b) => b.type === 'paragraph');
  if (!first || first.type !== 'paragraph') return plainText(doc.segment(title).inline);
  const localized = doc.segment(first.segment);
  const text = plainText(localized.inline);
  const segmenter = new Intl.Segmenter(localized.lang, { granularity: 'sentence' });
  const sentence = segmenter.segment(text)[Symbol.iterator]().next().value?.segment ?? text;
  return sentence.trim();
}
