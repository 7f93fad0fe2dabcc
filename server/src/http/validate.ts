import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { DomainError } from '../domain/domain-error.js';

/** Validates data that did not pass through Fastify's schema step (multipart payloads) against the same schema. */
export function validator<T extends TSchema>(schema: T) {
  const check = Compile(schema);
  return (value: unknown) => {
    if (check.Check(value)) return value;
    const details = [...check.Errors(value)]
      .slice(0, 5)
      .map((e) => `${e.instancePath || 'body'}: ${e.message}`);
    throw new DomainError(400, 'invalid_request', {
      id: `Data yang dikirim tidak valid (${details.join('; ')})`,
      en: `The request is not valid (${details.join('; ')})`,
    });
  };
}
