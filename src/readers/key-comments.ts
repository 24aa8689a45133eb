import { KEY_PATTERN } from '../model/keys.js';

/**
 * What is wrong with an HTML comment found where a key comment cannot be: in a block's text
 * (`inText`: in the middle, or at the end when it has no `#`) or between blocks. A comment that is
 * not a key (a note to the authors) is fine; one word in a block's text looks like a key without its `#`.
 */
export function keyCommentProblem(comment: string, inText: boolean): { message: string; hint: string } | undefined {
  const body = (/^<!--([\s\S]*?)-->$/.exec(comment)?.[1] ?? '').trim();
  if (body.startsWith('#')) {
    return inText
      ? {
          message: `the key comment ${comment} is in the middle of the text; a key comment must end its block`,
          hint: `if two paragraphs ran together, put the blank line after ${comment} back; otherwise move ${comment} to the end of its paragraph.`,
        }
      : { message: `the key comment ${comment} stands alone; a key comment must end its block`, hint: `put ${comment} at the end of the block it names, on its last line.` };
  }
  if (!inText || !KEY_PATTERN.test(body)) return undefined;
  return { message: `${comment} looks like a key comment without its #`, hint: `did you mean \`<!-- #${body} -->\`? A note to the authors needs more than one word.` };
}
