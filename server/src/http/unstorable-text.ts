import type { FastifyRequest } from 'fastify';
import { type Problem, RequestValidationError } from './validation-problems.js';

// NUL cannot be stored in a PostgreSQL text column, and half of a UTF-16 surrogate pair is not a character at
// all: both are refused at the door, with the field named, rather than failing deep inside a transaction.
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MESSAGE = {
  id: 'berisi karakter yang tidak diizinkan (NUL atau karakter Unicode yang rusak)',
  en: 'contains a character that is not allowed (NUL or broken Unicode)',
};

/** The path of the first string (or object key) in `value` that cannot be stored, or null. */
export function unstorableTextAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return childPath;
    const found = unstorableTextAt(child, childPath);
    if (found !== null) return found;
  }
  return null;
}

/** Throws the usual 400 (field + bilingual message) when `value` holds text that cannot be stored. */
export function checkStorableText(value: unknown, part: string): void {
  const field = unstorableTextAt(value);
  if (field === null) return;
  const problem: Problem = { field: field || part, message: MESSAGE };
  throw new RequestValidationError([problem]);
}

/** Fastify hook: the body, query string and path parameters of every request, before schema validation. */
export async function rejectUnstorableText(request: FastifyRequest): Promise<void> {
  checkStorableText(request.params, 'params');
  checkStorableText(request.query, 'querystring');
  checkStorableText(request.body, 'body');
}
