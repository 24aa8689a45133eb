import type { CheckReport } from '../checks/check.js';
import type { Finding } from '../model/finding.js';

export const FINDING_FORMATS = ['text', 'json', 'github'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/** Bumped only when a field changes meaning or disappears; new fields may be added within a version. */
export const CHECK_SCHEMA_VERSION = 1;

/** `broadside check` output in each format, registered by name. */
export const FINDING_WRITERS: Record<FindingFormat, (report: CheckReport) => string> = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
};

function where(finding: Finding): string {
  return finding.statement ? `${finding.lang} ${finding.statement}/${finding.key}` : `${finding.lang} ${finding.key}`;
}

function location(finding: Finding): string {
  return [finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
}

/** file:line:column first, as compilers write it, so editors and terminals can jump there. */
function formatText(report: CheckReport): string {
  const lines = report.findings.map((f) => `${location(f)}: ${f.severity} [${f.check}] ${where(f)}: ${f.message}`);
  const checked = report.languages.join(', ') || 'no languages';
  const summary =
    report.findings.length === 0
      ? `No problems found (${checked}).`
      : `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')} (${checked}).`;
  return `${[...lines, summary].join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatJson(report: CheckReport): string {
  const findings = report.findings.map((f) => ({
    check: f.check,
    severity: f.severity,
    file: f.file,
    line: f.line ?? null,
    column: f.column ?? null,
    lang: f.lang ?? null,
    statement: f.statement ?? null,
    key: f.key ?? null,
    message: f.message,
  }));
  return `${JSON.stringify({ schemaVersion: CHECK_SCHEMA_VERSION, languages: report.languages, errors: report.errors, warnings: report.warnings, findings }, null, 2)}\n`;
}

/** GitHub workflow commands: `::error file=…,line=…,col=…,title=…::message`. */
function formatGithub(report: CheckReport): string {
  return report.findings
    .map((f) => {
      const properties: Array<[string, string | number | undefined]> = [['file', f.file], ['line', f.line], ['col', f.column], ['title', `${f.check} (${where(f)})`]];
      const written = properties.flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${escapeProperty(String(value))}`]));
      return `::${f.severity} ${written.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/** As GitHub's toolkit (@actions/core) escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As GitHub's toolkit escapes a property value: the message escapes, plus : and , which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
