import { codeDifferences, codesOf, describeCode, markdownToParts, partsToMarkdown, type CodePart, type InlinePart } from './inline-codes.js';
import type { LinkDefinitions } from '../model/inline.js';
import type { ReturnedPart } from './read.js';

/** The source's text with each code as a marker, to compare a returned source with the current one. */
export function sourceSignature(parts: ReadonlyArray<InlinePart | ReturnedPart>): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : `\uE000${p.kind}:${p.id}\uE001`)).join('');
}

export function hasCodes(parts: readonly ReturnedPart[]): boolean {
  return parts.some((p) => p.kind !== 'text');
}

/**
 * A returned target as Markdown, with the problems that keep it from being taken. A target with
 * inline codes gets each code's Markdown from the current source by id (the file's own data only
 * for codes the source lacks, such as a stale translation's), and must have every source code
 * once, each pair opened before it is closed and nested inside one another. A target without codes
 * is Markdown as it stands (converters such as pomerge write it so). Either way the Markdown must
 * have the source's codes: the same links to the same places, code spans and placeholders unchanged.
 * `unreadable`: a tag stands for nothing Broadside knows, so the Markdown is not what the tool meant.
 */
export function targetMarkdown(target: readonly ReturnedPart[], sourceMarkdown: string, definitions?: LinkDefinitions): { markdown: string; problems: string[]; unreadable: boolean } {
  if (!hasCodes(target)) {
    const markdown = target.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    return { markdown, problems: codeDifferences(markdown, sourceMarkdown, definitions).map(markdownProblem), unreadable: false };
  }
  const source = markdownToParts(sourceMarkdown, definitions);
  const codes = new Map(codesOf(source).map((c) => [`${c.kind}:${c.id}`, c]));
  const opening = new Map(codesOf(source).filter((c) => c.kind === 'open').map((c) => [c.id, c]));
  const tagName = (part: { kind: ReturnedPart['kind']; id: string }): string => {
    const tag = part.kind === 'open' ? `<${part.id}>` : part.kind === 'close' ? `</${part.id}>` : `<${part.id}/>`;
    const code: CodePart | undefined = part.kind === 'close' ? opening.get(part.id) : codes.get(`${part.kind}:${part.id}`);
    return code ? `${tag} (${describeCode(code)})` : tag;
  };
  const problems: string[] = [];
  let unreadable = false;
  const seen = new Set<string>();
  const open: string[] = [];
  const out: InlinePart[] = [];
  for (const part of target) {
    if (part.kind === 'text') {
      out.push(part);
      continue;
    }
    const key = `${part.kind}:${part.id}`;
    const known = codes.get(key);
    if (seen.has(key)) problems.push(`tag ${tagName(part)} appears twice; keep each tag once`);
    seen.add(key);
    if (part.kind === 'open') open.push(part.id);
    if (part.kind === 'close') {
      const at = open.lastIndexOf(part.id);
      if (at < 0) problems.push(`tag ${tagName(part)} closes before it opens; put the closing tag after the opening one`);
      else if (at !== open.length - 1) problems.push(`tags ${open.slice(at + 1).map((id) => tagName({ kind: 'open', id })).join(', ')} and ${tagName(part)} overlap; close the inner one first`);
      if (at >= 0) open.splice(at, 1);
    }
    const markdown = known?.markdown ?? part.data;
    if (markdown === undefined) {
      problems.push(`tag ${tagName(part)} is not in the source; remove it`);
      unreadable = true;
    } else out.push({ kind: 'text', text: markdown });
  }
  for (const id of open) problems.push(`tag ${tagName({ kind: 'open', id })} is opened but never closed; close it`);
  const missing = codesOf(source).filter((c) => c.kind !== 'close' && !seen.has(`${c.kind}:${c.id}`) && !seen.has(`close:${c.id}`));
  if (missing.length) {
    const names = missing.map((c) => `${c.kind === 'open' ? `<${c.id}>…</${c.id}>` : `<${c.id}/>`} (${describeCode(c)})`);
    problems.push(`${names.join(', ')} of the source ${missing.length === 1 ? 'is' : 'are'} missing; put each tag back where it belongs in the translation`);
  }
  const markdown = partsToMarkdown(out);
  if (!problems.length) problems.push(...codeDifferences(markdown, sourceMarkdown, definitions).map(markdownProblem));
  return { markdown, problems, unreadable };
}

function markdownProblem(difference: string): string {
  return `its formatting differs from the source (${difference}); keep the source’s emphasis, links, code and {{placeholders}}, moving them as the sentence needs`;
}
