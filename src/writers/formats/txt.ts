import { textKey } from '../../build/keys.js';
import { writeText } from '../text.js';
import type { Writer } from '../writer.js';

/** Plain text, wrapped at the configured columns. */
export const txt: Writer = {
  needsBrowser: false,
  download: { mediaType: 'text/plain', label: 'downloadText' },
  parallel: false,
  cost: 0,
  render: (render, doc) => writeText(doc, { columns: render.config.text.columns }),
  cacheKey: (version, { text }) => textKey(version, 'txt', text!),
};
