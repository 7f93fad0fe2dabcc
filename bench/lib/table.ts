/** Prints rows as an aligned text table: the first column left-aligned, the others right-aligned. */
export function printTable(header: string[], rows: string[][], indent = '  '): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    indent +
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('   ')
      .trimEnd();
  console.log(line(header));
  console.log(indent + widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows) console.log(line(r));
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}
