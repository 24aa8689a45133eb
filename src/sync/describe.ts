import type { SyncChange } from './apply.js';

/** One line a translator understands, for each thing sync did. */
export function describeChange(change: SyncChange): string {
  const where = 'key' in change ? `${change.scope} › ${change.key}` : change.scope;
  switch (change.kind) {
    case 'added':
      return `+ ${where}: new passage, to translate`;
    case 'stale':
      return `~ ${where}: the source changed; the translation is kept, marked stale, with the current source as newSource`;
    case 'matched': {
      const from = change.origin === 'obsolete' ? `obsolete entry "${change.from}"` : `"${change.from}"`;
      const state = change.stale ? '; stale until checked against the current source' : '';
      return `> ${where}: took the translation of ${from} (${Math.round(change.similarity * 100)}% the same text)${state}`;
    }
    case 'obsoleted':
      return `- ${where}: the passage is gone; translation moved to obsolete${change.as === change.key ? '' : ` as "${change.as}"`}`;
    case 'dropped':
      return `- ${where}: the passage is gone; its empty entry was removed`;
    case 'source-updated':
      return `~ ${where}: not yet translated; source updated to the current text`;
    case 'stale-note-removed':
      return `✓ ${where}: the translation is current; newSource removed`;
    case 'reordered':
      return `↕ ${where}: entries put back in the order of the text`;
  }
}
