import { plainText } from '../render/inline.js';
import { passagesOf, type ParallelStatement } from './edition.js';

/** The bookmark titles of a parallel edition's PDF in document order: every language's title, then every language's heading of each row. */
export function parallelOutline(doc: ParallelStatement): string[] {
  const { meta } = doc.statement;
  const { docs } = doc.parallel;
  const headings = passagesOf(doc.statement).flatMap((p) => (p.block.type === 'heading' ? [p.block.segment] : []));
  return [meta.title, ...headings].flatMap((segment) => docs.map((d) => plainText(d.segment(segment).inline)));
}
