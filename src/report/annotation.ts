import type { Finding } from '../model/finding.js';
import { escapeData, escapeProperty } from './findings.js';

/** A finding as a GitHub Actions workflow command: `::warning file=…,line=…,col=…::message`. */
export function annotation(finding: Finding): string {
  const properties = [
    `file=${escapeProperty(finding.file)}`,
    finding.line !== undefined ? `line=${finding.line}` : undefined,
    finding.column !== undefined ? `col=${finding.column}` : undefined,
    `title=${escapeProperty(`broadside ${finding.check}`)}`,
  ].filter((p) => p !== undefined);
  return `::${finding.severity} ${properties.join(',')}::${escapeData(finding.message)}\n`;
}
