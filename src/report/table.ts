/**
 * Plain-text columns, padded by the widest cell. The same whatever the terminal: no width
 * detection, no colour. Cells are ASCII (codes and numbers), so their length is their width.
 */
export function formatTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
