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
  const words = text.split(/(?<=\s)(?=\S)/);
  if (words.length <= head + tail + 1) return text;
  const start = words.slice(0, head).join('');
  const end = tail > 0 ? ` ${words.slice(-tail).join('')}` : '';
  return `${start}…${end}`;
}
