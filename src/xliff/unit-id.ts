/**
 * An XLIFF unit id names its statement (or `interface`) and its key: `mission-statement:who-we-are`.
 * Statement ids never contain ":", so the first ":" separates the two. Both parts are XML NMTOKEN
 * characters, as XLIFF 2.0 requires of ids.
 */
export function unitId(scope: string, key: string): string {
  return `${scope}:${key}`;
}

export function parseUnitId(id: string): { scope: string; key: string } | undefined {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { scope: id.slice(0, at), key: id.slice(at + 1) };
}
