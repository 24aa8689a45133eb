import { diffWords } from 'diff';

/**
 * How the English changed, word by word: `[-removed-]{+added+}`, with unchanged stretches longer
 * than twice `context` words shortened to their ends, so a one-word edit in a long paragraph stays readable.
 */
export function sourceDiff(before: string, after: string, context = 4): string {
  const parts = diffWords(before, after);
  return parts
    .map((part, index) => {
      if (part.removed) return `[-${part.value}-]`;
      if (part.added) return `{+${part.value}+}`;
      return shorten(part.value, index === 0 ? 0 : context, index === parts.length - 1 ? 0 : context);
    })
    .join('');
}

/** Keeps the first `head` and last `tail` words of an unchanged stretch. */
function shorten(text: string, head: number, tail: number): string {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length <= head + tail + 1) return text;
  const headEnd = head > 0 ? words[head - 1]!.index + words[head - 1]![0].length : 0;
  const tailStart = tail > 0 ? words[words.length - tail]!.index : text.length;
  return `${text.slice(0, headEnd)}${head > 0 ? ' ' : ''}…${tail > 0 ? ' ' : ''}${text.slice(tailStart)}`;
}
