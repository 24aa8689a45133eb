import { textKey } from '../../build/keys.js';
import type { Writer } from '../writer.js';

/** The edition's web page, which every other format is linked from. */
export const html: Writer = {
  needsBrowser: false,
  parallel: true,
  cost: 1,
  render: (render, doc) => render.html(doc),
  cacheKey: (version, { text }) => textKey(version, 'html', text!),
};
