/**
 * A project's terminology (`terms.yaml`): how each key term of the English is rendered in each
 * language, and the official wording of texts the statements quote.
 */

export interface Termbase {
  file: string;
  terms: Term[];
  quotations: Quotation[];
}

export interface Term {
  id: string;
  /** The ways the term is written in the source language. */
  source: string[];
  note?: string;
  /** By language code. */
  languages: Map<string, TermLanguage>;
  line: number;
  column: number;
}

/** One way of writing a rendering; `forms` are spellings the matcher does not derive by itself. */
export interface TermForm {
  forms: string[];
  /** Capitals and accents must be as written (for a rule about capitals, such as Estado-nación). */
  matchCase: boolean;
}

export interface TermLanguage {
  /** The required rendering. */
  rendering: TermForm;
  /**
   * Other accepted renderings. One with a `context` is used by sense (convivencia for people,
   * coexistencia for identities); one without is an equal alternative, and a language keeps to one.
   */
  variants: Array<TermForm & { context?: string }>;
  forbidden: Array<TermForm & { reason: string }>;
  note?: string;
}

/** A passage of an official text quoted in the statements, with its official wording per language. */
export interface Quotation {
  id: string;
  /** The official wording in the source language, as the statements quote it. */
  text: string;
  /** Where that wording comes from. */
  source: string;
  note?: string;
  languages: Map<string, { text: string; source: string; note?: string }>;
  line: number;
  column: number;
}
