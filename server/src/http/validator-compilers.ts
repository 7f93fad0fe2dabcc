import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';

const COMMON: Options = { useDefaults: true, removeAdditional: false, allErrors: false };

function ajvWith(options: Options): Ajv {
  const ajv = new Ajv({ ...COMMON, ...options });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

// Query strings, path parameters and headers arrive as text: "20" is the number 20 there. A JSON body says
// what type it means, so it is never coerced: {"rating": true} is refused, not stored as one star.
const coercing = ajvWith({ coerceTypes: 'array' });
const strict = ajvWith({ coerceTypes: false });

/** Fastify's validator compiler: strict types for bodies, text-to-type coercion for everything else. */
export function validatorCompiler({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === 'body' ? strict : coercing).compile(schema);
}
