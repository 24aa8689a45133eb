/** A problem found in the input, reported to a person or to CI. */
export interface Finding {
  /** Stable id of the check that found it (e.g. `missing`, `stale`, `markup-links`). */
  check: string;
  severity: 'warning' | 'error';
  message: string;
  file: string;
  line?: number;
  column?: number;
  statement?: string;
  lang?: string;
  key?: string;
}
