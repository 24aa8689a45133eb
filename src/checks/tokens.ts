import { flatInline, type Inline, type LinkNode } from '../model/inline.js';

/** Links written out as addresses (bare or in <…>), as opposed to [text](target) links. */
export function autolinks(nodes: readonly Inline[]): LinkNode[] {
  return flatInline(nodes).filter((node): node is LinkNode => node.type === 'link' && node.autolink);
}
