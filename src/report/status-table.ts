import type { LanguageStatus, StatusReport } from '../status/status.js';
import { formatTable } from './table.js';

/** `broadside status` for people: one table per statement. */
export function formatStatusTable(report: StatusReport): string {
  const blocks = report.statements.map((statement) => {
    const title = `${statement.statement}: ${statement.segments} segments (${statement.words} words), ${statement.interfaceStrings} interface strings`;
    if (statement.languages.length === 0) return `${title}\nNo languages to translate: only the source language (${report.sourceLanguage}) is configured.`;
    const withMinimum = statement.languages.some((l) => l.minimum !== null);
    const header = ['language', 'complete', 'translated', 'stale', 'missing', 'obsolete', 'interface missing', ...(withMinimum ? ['minimum'] : [])];
    const rows = statement.languages.map((l) => [
      l.lang,
      `${l.percent} %`,
      `${l.segments.translated} / ${l.words.translated}`,
      `${l.segments.stale} / ${l.words.stale}`,
      `${l.segments.missing} / ${l.words.missing}`,
      String(l.obsolete),
      String(l.interface.total - l.interface.translated),
      ...(withMinimum ? [minimumCell(l)] : []),
    ]);
    return `${title}\n\n${formatTable(header, rows, new Set([1, 2, 3, 4, 5, 6]))}`;
  });
  const legend = [
    'translated, stale, missing: segments / words of the English.',
    'complete: translated segments and interface strings out of all of them, rounded down; stale ones count as not translated.',
    `The source language (${report.sourceLanguage}) is not listed.`,
  ].join('\n');
  return `${[...blocks, legend].join('\n\n')}\n`;
}

function minimumCell(status: LanguageStatus): string {
  if (status.minimum === null) return '-';
  return status.belowMinimum ? `${status.minimum} % BELOW` : `${status.minimum} %`;
}
