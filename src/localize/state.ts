import type { Entry } from '../model/translation.js';

/**
 * translated: the entry was made from the current source.
 * stale: it was made from an earlier source (kept, but not published).
 * missing: there is no entry or its text is empty.
 */
export type EntryState = 'translated' | 'stale' | 'missing';

export function entryState(currentSource: string, entry: Entry | undefined): EntryState {
  if (!entry || entry.text === '') return 'missing';
  return entry.source === currentSource ? 'translated' : 'stale';
}
