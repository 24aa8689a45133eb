import type { CDPSession, Page } from 'puppeteer-core';

/** The attribute a probed element carries while it is asked about: the characters in question it holds. */
const PROBE = 'data-broadside-font-probe';

/**
 * Which of `candidates` (characters that no font Broadside ships is made for) the page as laid out
 * draws as empty boxes. Chromium draws such a character with a font of the machine when one has it,
 * and otherwise with the .notdef glyph of the page's own font; only Chromium knows which it was.
 * So every element that shows a candidate (and one made for the page margins' text) is asked, over
 * the DevTools protocol, which fonts drew its text: where all of them are the page's own web fonts,
 * its candidates had no font. Only Broadside's functions run in the page.
 */
export async function charactersWithoutFont(page: Page, session: CDPSession, candidates: string, marginText: string): Promise<string> {
  const probed = await page.evaluate(markProbes, candidates, marginText, PROBE);
  if (probed === 0) return '';
  const unshown = new Set<string>();
  try {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[${PROBE}]` });
    for (const nodeId of nodeIds) {
      const [{ fonts }, { attributes }] = await Promise.all([session.send('CSS.getPlatformFontsForNode', { nodeId }), session.send('DOM.getAttributes', { nodeId })]);
      if (fonts.some((font) => !font.isCustomFont)) continue;
      for (const char of attributes[attributes.indexOf(PROBE) + 1] ?? '') unshown.add(char);
    }
  } finally {
    await page.evaluate(removeProbes, PROBE);
    await session.send('CSS.disable').catch(() => undefined);
    await session.send('DOM.disable').catch(() => undefined);
  }
  return [...candidates].filter((char) => unshown.has(char)).join('');
}

// ---- Run in the page: self-contained, no imports, no closures over Node values. ----

function markProbes(candidates: string, marginText: string, attribute: string): number {
  const wanted = new Set(Array.from(candidates));
  const held = (text: string): string => [...new Set(Array.from(text).filter((c) => wanted.has(c)))].join('');
  const marked = new Map<Element, string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = held((node as Text).data);
    const parent = node.parentElement!;
    // Text that is not laid out (display: none, such as the language switcher in print) draws nothing.
    if (chars && parent.getClientRects().length > 0) marked.set(parent, held((marked.get(parent) ?? '') + chars));
  }
  const margin = held(marginText);
  if (margin) {
    // The margin boxes are not elements: a stand-in in the page's own font is laid out and asked.
    const standIn = document.createElement('div');
    standIn.textContent = marginText;
    standIn.style.cssText = 'position: absolute; visibility: hidden; white-space: nowrap';
    standIn.setAttribute(`${attribute}-stand-in`, '');
    document.body.append(standIn);
    marked.set(standIn, margin);
  }
  for (const [el, chars] of marked) el.setAttribute(attribute, chars);
  return marked.size;
}

function removeProbes(attribute: string): void {
  for (const el of Array.from(document.querySelectorAll(`[${attribute}-stand-in]`))) el.remove();
  for (const el of Array.from(document.querySelectorAll(`[${attribute}]`))) el.removeAttribute(attribute);
}
