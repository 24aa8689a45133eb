import type { Token, Tokens } from 'marked';
import { inlineTokens } from './inline.js';

/** Stands in for inline code, web and e-mail addresses: something that is not prose. */
export const OBJECT = '\uFFFC';

/**
 * What a reader sees of inline Markdown, markup removed and link text kept, with code spans and
 * written-out addresses replaced by OBJECT, so that checks on words and punctuation never look
 * inside a URL's `?` or a code span's digits.
 */
export function proseOf(markdown: string): string {
  return inlineTokens(markdown).map(tokenProse).join('');
}

function tokenProse(token: Token): string {
  switch (token.type) {
    case 'text':
      return 'tokens' in token && token.tokens ? token.tokens.map(tokenProse).join('') : token.text;
    case 'escape':
      return token.text;
    case 'strong':
    case 'em':
    case 'del':
      return (token.tokens ?? []).map(tokenProse).join('');
    case 'link': {
      const link = token as Tokens.Link;
      return link.autolink ? OBJECT : link.tokens.map(tokenProse).join('');
    }
    case 'codespan':
      return OBJECT;
    case 'image':
      return (token as Tokens.Image).text;
    case 'br':
      return ' ';
    case 'html':
      return /^<!--[\s\S]*-->$/.test(token.raw) ? '' : token.raw;
    default:
      return token.raw;
  }
}
