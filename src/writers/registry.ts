import { html } from './formats/html.js';
import { pdf } from './formats/pdf.js';
import { txt } from './formats/txt.js';
import type { Writer } from './writer.js';

/**
 * Every output format, in the order the page links them: adding a format is one writer in
 * `formats/` and one line here. The format's name is its file extension (see artifactPath).
 */
export const WRITERS = {
  html,
  txt,
  pdf,
} satisfies Record<string, Writer>;

export type Format = keyof typeof WRITERS;
export const FORMATS = Object.keys(WRITERS) as Format[];
