import type { Inline, InlineType } from '../model/inline.js';

/** One output's way of showing each inline node type; `inner` renders a node's children the same way. */
export type InlineRenderer = {
  [K in InlineType]: (node: Extract<Inline, { type: K }>, inner: (nodes: readonly Inline[]) => string) => string;
} & {
  /** How the rendered nodes of one sequence are put together; concatenated when absent. */
  join?: (rendered: ReadonlyArray<{ node: Inline; text: string }>) => string;
};

/** A node type a renderer has no method for: a bug in Broadside (a reader made a node no writer knows). */
export class UnknownInlineNodeError extends Error {
  constructor(readonly nodeType: string) {
    super(`no renderer for the inline node type "${nodeType}"`);
  }
}

/** The one walk over inline nodes, as marked's Parser drives a Renderer: every output is a renderer. */
export function renderInline(nodes: readonly Inline[], renderer: InlineRenderer): string {
  const inner = (children: readonly Inline[]): string => renderInline(children, renderer);
  const rendered = nodes.map((node) => {
    const render = Object.hasOwn(renderer, node.type) ? (renderer[node.type] as (node: Inline, inner: (nodes: readonly Inline[]) => string) => string) : undefined;
    if (typeof render !== 'function' || node.type === ('join' as InlineType)) throw new UnknownInlineNodeError(node.type);
    return { node, text: render(node, inner) };
  });
  return renderer.join ? renderer.join(rendered) : rendered.map((r) => r.text).join('');
}
