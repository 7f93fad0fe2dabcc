import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CityDataError } from './city-data-error.js';
import { readCityFile } from './read-city-file.js';

export interface CsvRow<C extends string> {
  line: number;
  values: Record<C, string>;
}

/**
 * Reads a CSV file with exactly the given header columns (in any order). Lines starting with `#` are
 * comments, blank lines are skipped, fields are trimmed. Each row keeps its line number for error messages.
 */
export async function readCsv<C extends string>(
  dir: string,
  file: string,
  columns: readonly C[],
): Promise<CsvRow<C>[]> {
  const path = join(dir, file);
  const text = await readCityFile(dir, file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new CityDataError(path, line, `not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CityDataError(path, null, `empty file; expected header ${columns.join(',')}`);
  const names = header.record;
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(columns as readonly string[]).includes(n));
  if (missing.length > 0 || unknown.length > 0 || names.length !== columns.length) {
    throw new CityDataError(
      path,
      header.info.lines,
      `header must be ${columns.join(',')} (got ${names.join(',')})`,
    );
  }
  return rows.map(({ record, info }) => {
    if (record.length !== names.length) {
      throw new CityDataError(path, info.lines, `expected ${names.length} fields, got ${record.length}`);
    }
    const values = Object.fromEntries(names.map((n, i) => [n, record[i] ?? ''])) as Record<C, string>;
    return { line: info.lines, values };
  });
}
