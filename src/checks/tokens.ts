import type { Token, Tokens } from 'marked';
import { inlineTokens } from '../render/inline.js';

/** Every inline token of `markdown`, nested ones included, in document order. */
export function flatTokens(markdown: string): Token[] {
  const out: Token[] = [];
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      out.push(token);
      if ('tokens' in token && Array.isArray(token.tokens)) visit(token.tokens as Token[]);
    }
  };
  visit(inlineTokens(markdown));
  return out;
}

/** Links written out as addresses (bare or in <…>), as opposed to [text](target) links. */
export function autolinks(markdown: string): Tokens.Link[] {
  return flatTokens(markdown).filter((t): t is Tokens.Link => t.type === 'link' && (t as Tokens.Link).autolink === true);
}
