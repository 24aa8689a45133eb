import type { Finding } from '../model/finding.js';
import { listDifference, pairOf, report, type Subject } from './subject.js';

/** Interface strings get values filled in at {{name}}; a changed name shows as literal braces. */
export function placeholders(subject: Subject): Finding[] {
  const pair = pairOf(subject);
  if (!pair || subject.statement !== undefined) return [];
  const difference = listDifference(names(pair.source), names(pair.text));
  if (!difference) return [];
  return [report(subject, 'placeholders', `placeholders differ (${difference}). Copy every {{placeholder}} exactly as the English writes it; Broadside fills in its value.`)];
}

function names(text: string): string[] {
  return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => `{{${m[1]!.trim()}}}`);
}
