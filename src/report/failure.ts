import { BroadsideError, ExitCode } from '../errors.js';
import { VERSION } from '../version.js';

/** What a command with --json prints on stdout when it fails before it has a report of its own. */
export function failureDocument(error: unknown, schemaVersion: number): string {
  return json(failureFields(error, schemaVersion));
}

export function failureFields(error: unknown, schemaVersion: number): Record<string, unknown> {
  const known = error instanceof BroadsideError;
  return {
    schemaVersion,
    ok: false,
    exitCode: known ? error.exitCode : ExitCode.internal,
    broadside: VERSION,
    error: {
      message: error instanceof Error ? error.message : String(error),
      hint: known ? (error.hint ?? null) : null,
      file: known ? (error.location?.file ?? null) : null,
      line: known ? (error.location?.line ?? null) : null,
      column: known ? (error.location?.column ?? null) : null,
    },
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
