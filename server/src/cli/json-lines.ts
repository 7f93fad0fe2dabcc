import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export type RecordId = string | number;

export interface LineError {
  id: RecordId | null;
  error: { code: string; message: { id: string; en: string } };
}

export function lineError(id: RecordId | null, code: string, idText: string, en: string): LineError {
  return { id, error: { code, message: { id: idText, en } } };
}

/** A JSON-lines input record with its `id`, or the error line to print instead. */
export function parseRecord(line: string): { id: RecordId; record: Record<string, unknown> } | LineError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return lineError(null, 'invalid_json', 'Baris ini bukan JSON yang sah', 'This line is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return lineError(
      null,
      'invalid_record',
      'Baris ini harus berupa objek JSON',
      'This line must be a JSON object',
    );
  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (id === null)
    return lineError(
      null,
      'missing_id',
      'Setiap baris wajib punya "id" (teks atau angka)',
      'Every line needs an "id" (string or number)',
    );
  return { id, record };
}

/**
 * Reads JSON lines from `input` and writes one JSON line per non-empty input line, in order, one at a time,
 * respecting back-pressure.
 */
export async function mapJsonLines(
  input: Readable,
  output: Writable,
  answer: (line: string) => object | Promise<object>,
): Promise<void> {
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    if (!output.write(`${JSON.stringify(await answer(line))}\n`)) await once(output, 'drain');
  }
}
