import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describeProblems, RequestValidationError } from './validation-problems.js';

/** Validates data that did not pass through Fastify's schema step (multipart payloads) against the same schema. */
export function validator<T extends TSchema>(schema: T) {
  const check = Compile(schema);
  return (value: unknown) => {
    if (check.Check(value)) return value;
    throw new RequestValidationError(describeProblems([...check.Errors(value)]));
  };
}
