import { Lexer, type Token, type TokensList } from 'marked';

/** Deepest nesting of emphasis, links, quotations and lists Broadside reads; real text needs a handful. */
export const MAX_NESTING = 32;

/**
 * marked's tokens for `markdown`, or undefined when its markup is nested deeper than MAX_NESTING.
 * marked recurses once per level, so thousands of `*` or `>` overflow its stack; readers refuse such
 * text with this, and everything downstream (checks, writers) only ever lexes text that passed.
 */
export function lexWithinLimits(markdown: string): TokensList | undefined {
  let tokens: TokensList;
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return nestingDepth(tokens) <= MAX_NESTING ? tokens : undefined;
}

/** How many levels of tokens within tokens (list items and table cells included), without recursion. */
function nestingDepth(tokens: Token[]): number {
  let deepest = 0;
  const stack: Array<[Token[], number]> = [[tokens, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [level, depth] = next;
    deepest = Math.max(deepest, depth);
    for (const token of level) {
      for (const children of childTokens(token)) stack.push([children, depth + 1]);
    }
  }
  return deepest;
}

function childTokens(token: Token): Token[][] {
  const children: Token[][] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) children.push(token.tokens as Token[]);
  if (token.type === 'list') children.push(token.items as Token[]);
  if (token.type === 'table') {
    for (const cell of [...token.header, ...token.rows.flat()]) children.push(cell.tokens);
  }
  return children;
}
