import { isAbsolute, relative, resolve } from 'node:path';

/** A path as the user typed it: an absolute one stays absolute, any other is shown from the project folder. */
export function shownPath(root: string, typed: string): string {
  if (isAbsolute(typed)) return typed;
  const absolute = resolve(root, typed);
  return relative(root, absolute) || absolute;
}
