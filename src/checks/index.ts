import type { CheckId } from './catalog.js';
import { bidiControls } from './bidi-controls.js';
import { emails } from './emails.js';
import { empty } from './empty.js';
import { identical } from './identical.js';
import { markupBlocks } from './markup-blocks.js';
import { markupCode } from './markup-code.js';
import { markupEmphasis } from './markup-emphasis.js';
import { markupLinks } from './markup-links.js';
import { missing } from './missing.js';
import { numbers } from './numbers.js';
import { obsolete } from './obsolete.js';
import { placeholders } from './placeholders.js';
import { punctuationEnd } from './punctuation-end.js';
import { punctuationFrenchSpacing } from './punctuation-french-spacing.js';
import { punctuationInverted } from './punctuation-inverted.js';
import { punctuationPairs } from './punctuation-pairs.js';
import { quotation } from './quotation.js';
import { rtlScript } from './rtl-script.js';
import { rtlStartPunctuation } from './rtl-start-punctuation.js';
import { stale } from './stale.js';
import type { Check } from './subject.js';
import { termForbidden } from './term-forbidden.js';
import { termInconsistent } from './term-inconsistent.js';
import { termMissing } from './term-missing.js';
import { urls } from './urls.js';
import { whitespaceDouble } from './whitespace-double.js';
import { whitespaceLeading } from './whitespace-leading.js';
import { whitespaceTrailing } from './whitespace-trailing.js';
import { whitespaceZeroWidth } from './whitespace-zero-width.js';

/** Every check, by id, in the order findings for one entry are listed. The type makes it complete. */
export const CHECKS: Record<CheckId, Check> = {
  missing,
  empty,
  stale,
  obsolete,
  identical,
  'markup-links': markupLinks,
  'markup-emphasis': markupEmphasis,
  'markup-code': markupCode,
  'markup-blocks': markupBlocks,
  placeholders,
  numbers,
  urls,
  emails,
  'whitespace-leading': whitespaceLeading,
  'whitespace-trailing': whitespaceTrailing,
  'whitespace-double': whitespaceDouble,
  'whitespace-zero-width': whitespaceZeroWidth,
  'punctuation-end': punctuationEnd,
  'punctuation-inverted': punctuationInverted,
  'punctuation-french-spacing': punctuationFrenchSpacing,
  'punctuation-pairs': punctuationPairs,
  'rtl-start-punctuation': rtlStartPunctuation,
  'bidi-controls': bidiControls,
  'rtl-script': rtlScript,
  'term-missing': termMissing,
  'term-forbidden': termForbidden,
  'term-inconsistent': termInconsistent,
  quotation,
};
