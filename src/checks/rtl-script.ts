import type { Finding } from '../model/finding.js';
import { proseOf } from '../render/prose.js';
import { pairOf, report, type Subject } from './subject.js';

/** Right-to-left text with letters, none of them in its own script, is most likely still English. */
export function rtlScript(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  const { dir, script, code } = subject.language;
  if (!pair || dir !== 'rtl') return [];
  const prose = proseOf(pair.inline);
  if (!/\p{L}/u.test(prose) || new RegExp(`\\p{Script=${script}}`, 'u').test(prose)) return [];
  const scriptName = new Intl.DisplayNames(['en'], { type: 'script' }).of(script) ?? script;
  const languageName = new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  return [report(subject, 'rtl-script', `this ${languageName} translation has no letters of the ${scriptName} script. Is it still in another language?`)];
}
