import { checkTranslations } from '../checks/check.js';
import { CheckFailedError, IncompleteError } from '../errors.js';
import type { Project } from '../model/project.js';
import { brokenKey, type LocalizedStatement } from '../localize/localize.js';
import type { Finding } from '../model/finding.js';

/** What stands between a build and a release: problems found, split by whether they fail the build. */
export interface Gate {
  warnings: Finding[];
  errors: Finding[];
}

/** Reported by the build from what it publishes in English, so the checks' own reports of them are left out. */
const FALLBACK_CHECKS = new Set(['missing', 'empty', 'stale']);

/**
 * Interface strings only `broadside preview` shows (its status line) are never published: one not
 * yet translated is no reason to warn or to fail a strict build (`status` still lists it).
 */
const PREVIEW_ONLY = 'interface.preview';

/** An error of these checks means the translation would publish broken: it is replaced by the English. */
const BREAKING_CHECKS = new Set(['placeholders', 'markup-links', 'markup-emphasis', 'markup-code', 'markup-blocks']);

/** The translation check findings a build of these statements and languages gates on. */
export function buildFindings(project: Project, statements: readonly string[], langs: readonly string[]): Finding[] {
  return langs.length ? checkTranslations(project, { statements: [...statements], langs: [...langs] }).findings : [];
}

/** Per language, the entries whose markup or placeholders are broken (keys as `brokenKey` makes them). */
export function brokenEntries(findings: readonly Finding[]): Map<string, Set<string>> {
  const broken = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.severity !== 'error' || !BREAKING_CHECKS.has(f.check) || !f.lang || !f.key) continue;
    if (!broken.has(f.lang)) broken.set(f.lang, new Set());
    // An interface string's finding is keyed `interface.<key>` already.
    broken.get(f.lang)!.add(f.statement === undefined ? f.key : brokenKey(f.statement, f.key));
  }
  return broken;
}

/**
 * Fallbacks (missing and stale segments) and translation check errors (`checked`, from
 * `buildFindings`) of the selected editions. With `strict` they are errors; without, warnings, and
 * the build publishes anyway, with the English in place of a broken entry. Pure.
 */
export function gateFindings(project: Project, docs: readonly LocalizedStatement[], strict: boolean, checked: readonly Finding[]): Gate {
  const published = (f: Finding): Finding => (strict || !BREAKING_CHECKS.has(f.check) ? f : { ...f, message: `${f.message} The English original is published in its place.` });
  const findings = [...fallbackFindings(project, docs, strict), ...checked.filter((f) => f.severity === 'error' && !FALLBACK_CHECKS.has(f.check)).map(published)];
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
        if (key.startsWith(PREVIEW_ONLY)) continue;
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
