import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { checkStorableText } from './unstorable-text.js';
import { describeProblems, RequestValidationError } from './validation-problems.js';

/**
 * Bodies that passed a schema, and which: a JSON body checked in Fastify's schema step is not checked again by
 * the handler's validator of the same schema (reportBodyAndUploads checks every body it returns).
 */
const passed = new WeakMap<object, TSchema>();

/** Validates data that did not pass through Fastify's schema step (multipart payloads) against the same schema. */
export function validator<T extends TSchema>(schema: T) {
  const check = Compile(schema);
  return (value: unknown): Static<T> => {
    const isObject = typeof value === 'object' && value !== null;
    if (isObject && passed.get(value) === schema) return value as Static<T>;
    checkStorableText(value, 'body');
    if (!check.Check(value)) throw new RequestValidationError(describeProblems([...check.Errors(value)]));
    if (isObject) passed.set(value, schema);
    return value as Static<T>;
  };
}

/**
 * Fastify's validator compiler for a route that also takes multipart forms: a multipart body reaches the schema
 * step empty (the handler reads the form and checks it with `validator`), every other part is checked here
 * against its own schema with the same compiler, so both paths give the same answers.
 */
export const multipartAwareValidatorCompiler = ({ schema }: { schema: unknown }) => {
  const check = validator(schema as TSchema);
  return (data: unknown) => (data === undefined || data === null ? { value: data } : { value: check(data) });
};
