import { escapeHtml } from './escape.js';

/**
 * Exactly the tags inline rendering emits: emphasis, code, line breaks, passages in another
 * language, and links to the web, to e-mail or within the page, with nothing but an escaped href
 * and title.
 */
const INLINE_TAG = /^<(?:\/?(?:em|strong|del|code)|br|\/a|\/span|span lang="[A-Za-z0-9-]+" dir="(?:ltr|rtl)"|a href="(?:https?:\/\/|mailto:|#)[^"<>]*"(?: title="[^"<>]*")?)>$/;

/**
 * The last line of defence for rendered inline HTML: every tag that is not one of INLINE_TAG is
 * escaped, so it shows as text. Text from the renderer has `<` escaped already, so every `<` left
 * starts a tag the renderer made; a bug there cannot let any other markup through.
 */
export function keepInlineTags(html: string): string {
  return html.replace(/<[^>]*>?/g, (tag) => (INLINE_TAG.test(tag) ? tag : escapeHtml(tag)));
}
