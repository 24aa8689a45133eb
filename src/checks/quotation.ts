import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { pairOf, quote, report, type Subject } from './subject.js';
import { normalizeQuotation } from './terminology.js';

/** Text between quotation marks of any language: «…», “…”, „…”, "…", ‹…›. */
const QUOTED = /[«“„"‹]([^«»“”„"‹›]+)[»”“"›]/gu;

/** The English quotes an official text; the translation must quote its official wording, letter for letter. */
export function quotation(subject: Subject): Finding[] {
  const terminology = subject.terminology;
  const pair = pairOf(subject);
  if (!terminology?.quotations.length || !pair) return [];
  const text = normalizeQuotation(proseOf(pair.inline));
  return terminology.quotations.flatMap(({ quotation: declared, official }) => {
    if (!official || text.includes(normalizeQuotation(official.text))) return [];
    const quoted = [...text.matchAll(QUOTED)].map((m) => m[1]!.trim()).sort((a, b) => b.length - a.length)[0];
    return [
      report(
        subject,
        'quotation',
        `the English quotes an official text (${terminology.file}: ${declared.id}) whose wording in this language is ${quote(official.text, 160)}${quoted ? `, but the translation has ${quote(quoted, 160)}` : ', but the translation does not have it'}. Copy the official wording (source: ${official.source}); only spaces may differ.`,
      ),
    ];
  });
}
