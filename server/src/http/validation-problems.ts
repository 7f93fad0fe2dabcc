import { createRequire } from 'node:module';
import type { Text } from '../domain/text.js';

// ajv-i18n ships CommonJS whose typings claim a default export; load it as what it is.
const localizeId = createRequire(import.meta.url)('ajv-i18n/localize/id') as (errors: SchemaError[]) => void;

/** What Ajv and TypeBox's compiler report for one failed rule (the two share Ajv's error shape). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** One thing wrong with a request: where, and what, in Indonesian and English. */
export interface Problem {
  field: string;
  message: Text;
}

const MAX_PROBLEMS = 5;

function fieldOf(error: SchemaError, part: string): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const child =
    typeof error.params.missingProperty === 'string'
      ? error.params.missingProperty
      : Array.isArray(error.params.additionalProperties)
        ? error.params.additionalProperties.join(', ')
        : typeof error.params.additionalProperty === 'string'
          ? error.params.additionalProperty
          : null;
  return [path || (child ? '' : part), child].filter(Boolean).join('.') || part;
}

/**
 * The schema errors of a request as a person reads them: the field, and the message in Indonesian (ajv-i18n)
 * and English. TypeBox reports an extra property twice (a `false` sub-schema and `additionalProperties`); the
 * first is dropped. Errors on the same field and rule are reported once.
 */
export function describeProblems(errors: readonly SchemaError[], part = 'body'): Problem[] {
  const meaningful = errors.filter((e) => e.keyword !== 'boolean');
  const indonesian = structuredClone(meaningful) as SchemaError[];
  localizeId(indonesian);
  const problems = new Map<string, Problem>();
  meaningful.forEach((error, i) => {
    const field = fieldOf(error, part);
    const key = `${field}|${error.keyword}`;
    if (problems.has(key)) return;
    problems.set(key, {
      field,
      message: { id: indonesian[i]?.message ?? 'tidak valid', en: error.message ?? 'is not valid' },
    });
  });
  return [...problems.values()].slice(0, MAX_PROBLEMS);
}

/** A request that does not match its schema; the error handler answers 400 with the problems. */
export class RequestValidationError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.message.en}`).join('; '));
    this.name = 'RequestValidationError';
  }
}
