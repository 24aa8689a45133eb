import { diffWords } from 'diff';
import type { EntryState } from '../localize/state.js';
import type { Finding } from '../model/finding.js';
import { escapeHtml } from '../render/escape.js';
import { renderInlineHtml } from '../render/inline.js';
import type { ReviewDocument, ReviewLanguage, ReviewRow, ReviewSection } from './document.js';

export function reviewTitle({ target }: ReviewDocument): string {
  return `Translation review: ${target.englishName} (${target.code})`;
}

/**
 * A standalone bilingual review document: one page of HTML with its styles inside, so it can be mailed,
 * opened offline and printed. It links the build's fonts (../assets/fonts.css, present beside a build and
 * served when Broadside prints it); without them it falls back to the reader's own fonts. The page is in the
 * source language; every translated text carries its own language and direction. Pure.
 */
export interface ReviewPrint {
  /** The project's paper (CSS page size name: A4, letter, legal, A5). */
  paper: string;
}

export function writeReviewHtml(doc: ReviewDocument, print: ReviewPrint = { paper: 'A4' }): string {
  const { source, target } = doc;
  const title = reviewTitle(doc);
  return `<!DOCTYPE html>
<html lang="${source.code}" dir="${source.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(doc.generator)}">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="../assets/fonts.css">
<style>
${STYLE}
${pageStyle(title, print)}
</style>
</head>
<body>
<header>
<h1>Translation review: ${escapeHtml(target.englishName)} (${language(target, target.ownName)})</h1>
<p>From ${escapeHtml(source.englishName)} (${source.code}) into ${escapeHtml(target.englishName)} (${target.code}), written ${target.dir === 'rtl' ? 'right to left' : 'left to right'}. Prepared <time datetime="${doc.date}">${doc.date}</time> by ${escapeHtml(doc.generator)}.</p>
${summary(doc)}
<p class="howto">Each passage shows the ${escapeHtml(source.englishName)} source beside its translation, its state, and what the automatic checks found. For a passage marked <em>stale</em>, the source has changed since it was translated: words removed are <del>struck through</del>, words added are <ins>underlined</ins>. Write corrections in the margin or in the comments at the end.</p>
</header>
<main>
${doc.sections.map((s) => section(s, doc)).join('\n')}
</main>
${signOff()}
</body>
</html>
`;
}

const STATE_LABELS: Record<EntryState, string> = {
  translated: 'translated',
  stale: 'stale: the source changed since it was translated',
  missing: 'missing: not translated yet',
};

function summary({ counts }: ReviewDocument): string {
  const cells: Array<[string, number]> = [
    ['Translated', counts.translated],
    ['Stale', counts.stale],
    ['Missing', counts.missing],
    ['Check errors', counts.errors],
    ['Check warnings', counts.warnings],
  ];
  return `<table class="summary">
<caption>Summary</caption>
<tr>${cells.map(([label]) => `<th scope="col">${label}</th>`).join('')}</tr>
<tr>${cells.map(([, n]) => `<td>${n}</td>`).join('')}</tr>
</table>`;
}

function section(s: ReviewSection, doc: ReviewDocument): string {
  const id = `section-${s.id}`;
  const other = s.otherFindings.length ? `\n<h3>Other findings</h3>\n${findingList(s.otherFindings)}` : '';
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(s.title)}</h2>
<table class="review">
<colgroup><col class="source"><col class="translation"></colgroup>
<thead><tr><th scope="col">${escapeHtml(doc.source.englishName)} (${doc.source.code})</th><th scope="col">${escapeHtml(doc.target.englishName)} (${doc.target.code})</th></tr></thead>
${s.rows.map((row) => unit(row, doc)).join('\n')}
</table>${other}
</section>`;
}

/** One passage: a heading row (key and state), source beside translation, then the findings. */
function unit(row: ReviewRow, doc: ReviewDocument): string {
  const sourceCell = row.previousSource === undefined ? renderInlineHtml(row.sourceInline) : sourceChange(row.previousSource, row.source);
  const translationCell = row.translation ? renderInlineHtml(row.translationInline) : `<span class="placeholder" lang="en" dir="ltr">(not translated yet)</span>`;
  const findings = row.findings.length ? `\n<tr class="findings"><td colspan="2">${findingList(row.findings)}</td></tr>` : '';
  return `<tbody class="unit ${row.state}">
<tr><th colspan="2" scope="rowgroup"><code>${escapeHtml(row.key)}</code> <span class="state">${STATE_LABELS[row.state]}</span></th></tr>
<tr><td ${attributes(doc.source)}>${sourceCell}</td><td ${attributes(doc.target)}>${translationCell}</td></tr>${findings}
</tbody>`;
}

/** The old source against the new, word by word, as plain text (the Markdown is shown as written). */
function sourceChange(before: string, after: string): string {
  const diff = diffWords(before, after)
    .map((part) => (part.removed ? `<del>${escapeHtml(part.value)}</del>` : part.added ? `<ins>${escapeHtml(part.value)}</ins>` : escapeHtml(part.value)))
    .join('');
  return `<p class="diff">${diff}</p>`;
}

function findingList(findings: Finding[]): string {
  const items = findings.map((f) => {
    const where = f.line === undefined ? '' : ` <span class="where">(${escapeHtml(f.file)}, line ${f.line})</span>`;
    return `<li class="${f.severity}"><span class="severity">${f.severity}</span> <code>${escapeHtml(f.check)}</code>: ${messageHtml(f.message)}${where}</li>`;
  });
  return `<ul class="findings">\n${items.join('\n')}\n</ul>`;
}

/**
 * A finding's message as text: its `code` spans set as code, and the word diff of a changed source
 * (`[-removed-]`, `{+added+}`) struck through and underlined as in the passages above.
 */
export function messageHtml(message: string): string {
  return message
    .split(/(`[^`]+`|\[-(?:(?!\[-)[\s\S])*?-\]|\{\+(?:(?!\{\+)[\s\S])*?\+\})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      if (part.startsWith('`')) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return part.startsWith('[-') ? `<del>${escapeHtml(part.slice(2, -2))}</del>` : `<ins>${escapeHtml(part.slice(2, -2))}</ins>`;
    })
    .join('');
}

/** The printed review: the project's paper, margins office printers do not clip, a running head and page numbers. */
function pageStyle(title: string, print: ReviewPrint): string {
  const head = title.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `@page { size: ${print.paper}; margin: 18mm 16mm 20mm;
  @top-center { content: "${head}"; font-family: "Noto Serif", serif; font-size: 8pt; color: #555; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: "Noto Serif", serif; font-size: 8pt; color: #555; } }
@page :first { @top-center { content: none; } }`;
}

function signOff(): string {
  const line = (label: string): string => `<div class="field"><span class="label">${label}</span><span class="line"></span></div>`;
  return `<footer class="sign-off">
<h2>Reviewer’s sign-off</h2>
<p>I have read the translation above against the source and:</p>
<ul class="decision">
<li>approve it as it is</li>
<li>approve it with the corrections marked</li>
<li>ask for it to be revised</li>
</ul>
${line('Name')}
${line('Date')}
${line('Signature')}
<div class="field comments"><span class="label">Comments</span><span class="box"></span></div>
</footer>`;
}

function attributes(language: ReviewLanguage): string {
  return `lang="${language.code}" dir="${language.dir}"`;
}

function language(language: ReviewLanguage, text: string): string {
  return `<span ${attributes(language)}>${escapeHtml(text)}</span>`;
}

const STYLE = `:root { color-scheme: light; font-family: "Noto Serif", "Noto Serif Hebrew", "Amiri", Georgia, "Times New Roman", serif; line-height: 1.5; }
body { margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1a1a1a; overflow-wrap: break-word; }
[lang="he"], [dir="rtl"]:lang(he) { font-family: "Noto Serif Hebrew", "Noto Serif", serif; }
[lang="ar"] { font-family: "Amiri", "Noto Serif", serif; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
code { font-family: inherit; font-size: 0.92em; background: #f2f2f2; padding: 0 0.2em; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: start; font-weight: bold; }
th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; vertical-align: top; text-align: start; }
table.summary { width: auto; margin: 1rem 0; }
table.summary td { text-align: center; }
table.review col { width: 50%; }
tbody.unit th { background: #eee; font-weight: normal; }
tbody.unit { break-inside: avoid; }
.state { font-style: italic; }
tbody.stale th { background: #fff1c2; }
tbody.missing th { background: #fbd9d3; }
.placeholder { color: #8a1c1c; font-style: italic; }
del { color: #8a1c1c; }
ins { color: #0b5d1e; }
p.diff { margin: 0; }
ul.findings { margin: 0; padding-inline-start: 1.2rem; }
li.error .severity { color: #8a1c1c; font-weight: bold; }
li.warning .severity { color: #7a5200; font-weight: bold; }
.where { color: #555; }
.howto { color: #333; }
footer.sign-off { margin-top: 3rem; break-inside: avoid; }
ul.decision { list-style: none; padding: 0; }
ul.decision li::before { content: ""; display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid currentColor; margin-inline-end: 0.5em; vertical-align: -0.05em; }
.field { display: flex; align-items: flex-end; gap: 0.5rem; margin: 1.5rem 0; }
.field .label { min-width: 6rem; }
.field .line { flex: 1; border-bottom: 1px solid #000; height: 1.5rem; }
.field.comments { align-items: flex-start; }
.field .box { flex: 1; border: 1px solid #000; height: 8rem; }
/* On a phone the two columns of a passage stack, source above translation. */
@media screen and (max-width: 40rem) {
  table.review, table.review tbody, table.review tr, table.review td, table.review th { display: block; width: auto; }
  table.review thead, table.review colgroup { display: none; }
  table.review td { border-top: none; }
}
@media print { :root { font-size: 10pt; } body { margin: 0; padding: 0; max-width: none; } h2 { break-after: avoid; } code { background: none; } }`;
