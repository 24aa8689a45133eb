import type { InterfaceStrings } from '../localize/localize.js';
import type { LinkDefinitions } from '../model/inline.js';
import { segmentsOf, type Statement } from '../model/statement.js';
import { INTERFACE_SCOPE } from './document.js';
import type { CanonicalUnit } from './plan.js';

/** The passages of one part of a translation file: a statement's segments or the interface strings. */
export interface Scope {
  /** Statement id, or `interface`. */
  id: string;
  units: CanonicalUnit[];
  /** A statement's `[label]: href` definitions, which its passages' reference links use. */
  definitions?: LinkDefinitions;
}

export function statementScope(statement: Statement): Scope {
  return { id: statement.id, units: segmentsOf(statement).map(({ key, source }) => ({ key, source })), definitions: statement.definitions };
}

export function interfaceScope({ strings }: InterfaceStrings): Scope {
  return { id: INTERFACE_SCOPE, units: [...strings].map(([key, source]) => ({ key, source })) };
}
