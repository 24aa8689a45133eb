import { checkTranslations } from '../check.js';
import { CheckFailedError, IncompleteError } from '../errors.js';
import type { Project } from '../io/project.js';
import type { LocalizedStatement } from '../localize/localize.js';
import type { Finding } from '../model/finding.js';

/** What stands between a build and a release: problems found, split by whether they fail the build. */
export interface Gate {
  warnings: Finding[];
  errors: Finding[];
}

/** Reported by the build from what it publishes in English, so the checks' own reports of them are left out. */
const FALLBACK_CHECKS = new Set(['missing', 'empty', 'stale']);

/**
 * Fallbacks (missing and stale segments) and translation check errors of the selected editions.
 * With `strict` they are errors; without, warnings, and the build publishes anyway. Pure.
 */
export function gateFindings(project: Project, docs: readonly LocalizedStatement[], strict: boolean): Gate {
  const statements = [...new Set(docs.map((d) => d.statement.id))];
  const langs = [...new Set(docs.filter((d) => !d.language.isSource).map((d) => d.language.code))];
  const checked = langs.length ? checkTranslations(project, { statements, langs }).findings : [];
  const findings = [...fallbackFindings(project, docs, strict), ...checked.filter((f) => f.severity === 'error' && !FALLBACK_CHECKS.has(f.check))];
  if (strict) return { warnings: [], errors: findings.map((f) => ({ ...f, severity: 'error' })) };
  return { warnings: findings.map((f) => ({ ...f, severity: 'warning' })), errors: [] };
}

/** The error a strict build fails with: incompleteness first (exit 5), then check errors (exit 6). */
export function gateError(errors: readonly Finding[]): IncompleteError | CheckFailedError {
  const fallbacks = errors.filter((f) => FALLBACK_CHECKS.has(f.check)).length;
  const checks = errors.length - fallbacks;
  const checkText = `${checks} translation check error(s)`;
  if (fallbacks) {
    const also = checks ? ` and there are ${checkText}` : '';
    return new IncompleteError(`${fallbacks} segment(s) are not translated or out of date${also}`, undefined, 'translate them (see `broadside status` and `broadside check`) or build without --strict to publish the English original in their place.');
  }
  return new CheckFailedError(`${checkText} in the selected languages`, undefined, 'fix what `broadside check` reports, or build without --strict to publish anyway.');
}

function fallbackFindings(project: Project, docs: readonly LocalizedStatement[], strict: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const doc of docs) {
    const lang = doc.language.code;
    const translation = project.translations.get(lang);
    const file = translation?.file ?? `${project.config.translations}/${lang}.yaml`;
    for (const state of ['missing', 'stale'] as const) {
      for (const key of doc.fallbacks[state]) {
        const isInterface = key.startsWith('interface.');
        const entry = isInterface ? translation?.interface.get(key.slice('interface.'.length)) : translation?.statements.get(doc.statement.id)?.get(key);
        const at = entry ?? translation?.sections?.get(isInterface ? 'interface' : `statements.${doc.statement.id}`);
        const what = state === 'missing' ? 'is not translated' : 'is out of date (the English changed since it was translated)';
        const message = `${doc.statement.id}/${lang}: "${key}" ${what}; ${strict ? 'with --strict nothing is published until it is translated' : 'the English original is published in its place'}`;
        findings.push({ check: state, severity: 'warning', file, ...(at && { line: at.line, column: at.column }), statement: doc.statement.id, lang, key, message });
      }
    }
  }
  return findings;
}
