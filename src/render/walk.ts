import type { Inline, InlineType } from '../model/inline.js';

/**
 * One output's way of showing each inline node type; `inner` renders a node's children the same
 * way. Most outputs are text (`Out` is string); the XLIFF inline codes are a list of codes.
 */
export type InlineRenderer<Out = string> = {
  [K in InlineType]: (node: Extract<Inline, { type: K }>, inner: (nodes: readonly Inline[]) => Out) => Out;
} & JoinOf<Out>;

/** How the rendered nodes of one sequence are put together: concatenated when absent, which only text can be. */
type JoinOf<Out> = Out extends string ? { join?: Join<Out> } : { join: Join<Out> };
type Join<Out> = (rendered: readonly Out[]) => Out;

/** A node type a renderer has no method for: a bug in Broadside (a reader made a node no writer knows). */
export class UnknownInlineNodeError extends Error {
  constructor(readonly nodeType: string) {
    super(`no renderer for the inline node type "${nodeType}"`);
  }
}

/** The one walk over inline nodes, as marked's Parser drives a Renderer: every output is a renderer. */
export function renderInline<Out = string>(nodes: readonly Inline[], renderer: InlineRenderer<Out>): Out {
  const inner = (children: readonly Inline[]): Out => renderInline(children, renderer);
  const rendered = nodes.map((node) => {
    const render = Object.hasOwn(renderer, node.type) ? (renderer[node.type] as (node: Inline, inner: (nodes: readonly Inline[]) => Out) => Out) : undefined;
    if (typeof render !== 'function' || node.type === ('join' as InlineType)) throw new UnknownInlineNodeError(node.type);
    return render(node, inner);
  });
  const join = renderer.join as Join<Out> | undefined;
  return join ? join(rendered) : ((rendered as string[]).join('') as Out);
}
