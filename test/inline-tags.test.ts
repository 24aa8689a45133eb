import { describe, expect, it } from 'vitest';
import { parseInline } from '../src/readers/inline.js';
import { renderInlineHtml } from '../src/render/inline.js';
import { keepInlineTags } from '../src/render/inline-tags.js';

describe('the inline tag allowlist', () => {
  it('keeps exactly the tags inline rendering makes', () => {
    const html = '<em>a</em> <strong>b</strong> <del>c</del> <code>d</code><br><a href="https://example.org/?a=1&amp;b=2">e</a> <a href="mailto:x@example.org">f</a> <a href="#top">g</a>';
    expect(keepInlineTags(html)).toBe(html);
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<a href=https://example.org>x</a>',
    '<EM>x</EM>',
    '<em onmouseover="x">x</em>',
    '<iframe src="file:///etc/passwd"></iframe>',
    '<meta http-equiv="refresh" content="0;url=https://example.org">',
    '<em',
    '<!-- comment -->',
  ])('escapes %s so that no tag but the allowed ones is left', (hostile) => {
    const kept = keepInlineTags(hostile);
    const tags = kept.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) expect(tag).toMatch(/^<\/?(em|strong|del|code|br|a)( href="(https?:\/\/|mailto:|#)[^"]*")?>$/);
    expect(kept).not.toMatch(/<(script|img|iframe|meta|EM)/);
  });

  it('leaves rendered Markdown with raw HTML in it showing that HTML as text', () => {
    expect(renderInlineHtml(parseInline('*hi* <script>alert(1)</script> [x](javascript:alert(1))'))).toBe('<em>hi</em> &lt;script&gt;alert(1)&lt;/script&gt; x');
  });
});
